#!/usr/bin/env node
/**
 * Bundles the Electron shell with esbuild:
 *   electron/main.ts    → dist/electron/main.cjs    (Node, CommonJS)
 *   electron/preload.ts → dist/electron/preload.cjs (sandboxed preload)
 *   the core's own process: electron/core-host.ts → dist/electron/core-host.cjs
 *   (a utilityProcess main.cjs starts: all of electron/core, off the window's thread)
 *   the worker threads: electron/core/jobs/pdfWorker.ts → dist/electron/pdf-worker.cjs
 *   (summary PDFs) and electron/core/jobs/fileWorker.ts → dist/electron/file-worker.cjs
 *   (files from outside: imports and returned 填报表)
 *
 * main.cjs bundles our own code (electron/, shared/, seeds/) and leaves every
 * production dependency external: they ship in node_modules next to the app
 * (electron-builder copies production deps), and some of them read files
 * relative to their own folder at run time (pdfkit's fonts, better-sqlite3's
 * .node), which bundling would break. The build fails if main.cjs would
 * require a package that is not a production dependency (it would be missing
 * from the installed app).
 *
 * preload.cjs runs in a sandbox whose require() knows only 'electron' (and a
 * few built-ins), so it must bundle everything else; the build fails if it
 * requires anything but 'electron'.
 *
 * Does not empty dist/electron: scripts/start.mjs keeps an Electron build of
 * better-sqlite3 in dist/electron/node_modules (see there).
 */
import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const prodDeps = Object.keys(pkg.dependencies ?? {});
const outdir = path.join(root, 'dist', 'electron');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
  // Electron loads .cjs as CommonJS whatever package.json "type" says.
  outExtension: { '.js': '.cjs' },
};

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const packageName = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

/** Bare imports left in an output (external), from esbuild's metafile. */
function externalImports(metafile) {
  const found = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const imp of output.imports ?? []) if (imp.external) found.add(imp.path);
  }
  return [...found];
}

const started = Date.now();

/** esbuild has already printed the errors (logLevel); exit without a stack trace. */
async function bundle(options) {
  try {
    return await build(options);
  } catch {
    console.error(`build-electron: bundling ${Object.values(options.entryPoints)[0]} failed (errors above)`);
    process.exit(1);
  }
}

const main = await bundle({
  ...common,
  entryPoints: { main: 'electron/main.ts' },
  outdir,
  external: ['electron', ...prodDeps],
  // CommonJS output has no import.meta; give code that uses import.meta.url
  // (e.g. to find a worker file) the bundle's own URL.
  define: { 'import.meta.url': '__taizhang_import_meta_url', 'import.meta.dirname': '__dirname' },
  // The banner precedes esbuild's own "use strict", so it repeats it to keep the bundle strict.
  banner: { js: "'use strict';\nconst __taizhang_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
});

/** A worker thread's bundle: CommonJS like main.cjs, the same externals, its own file next to main.cjs. */
const workerBundle = (name, entry) =>
  bundle({
    ...common,
    entryPoints: { [name]: entry },
    outdir,
    external: ['electron', ...prodDeps],
    define: { 'import.meta.url': '__taizhang_import_meta_url', 'import.meta.dirname': '__dirname' },
    banner: { js: "'use strict';\nconst __taizhang_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  });

// The worker threads: electron/core/jobs/summaryPdfJob.ts looks for pdf-worker.cjs and
// electron/core/jobs/fileJob.ts for file-worker.cjs next to main.cjs.
const pdfWorker = await workerBundle('pdf-worker', 'electron/core/jobs/pdfWorker.ts');
const fileWorker = await workerBundle('file-worker', 'electron/core/jobs/fileWorker.ts');
// The core's own process (electron/main.ts starts it with utilityProcess.fork), next to main.cjs and the workers it starts.
const coreHost = await workerBundle('core-host', 'electron/core-host.ts');

const preload = await bundle({
  ...common,
  entryPoints: { preload: 'electron/preload.ts' },
  outdir,
  external: ['electron'],
  sourcemap: false,
});

const problems = [];
for (const spec of externalImports(main.metafile)) {
  const name = packageName(spec);
  if (spec === 'electron' || nodeBuiltins.has(spec) || prodDeps.includes(name)) continue;
  problems.push(`main.cjs requires "${spec}", which is not in package.json "dependencies"`);
}
for (const [file, built] of [['pdf-worker.cjs', pdfWorker], ['file-worker.cjs', fileWorker], ['core-host.cjs', coreHost]]) {
  for (const spec of externalImports(built.metafile)) {
    const name = packageName(spec);
    if (nodeBuiltins.has(spec) || prodDeps.includes(name)) continue;
    problems.push(`${file} requires "${spec}", which is not in package.json "dependencies"`);
  }
}
for (const spec of externalImports(preload.metafile)) {
  if (spec !== 'electron') problems.push(`preload.cjs requires "${spec}"; a sandboxed preload may only require "electron"`);
}
if (problems.length > 0) {
  for (const p of problems) console.error(`build-electron: ${p}`);
  process.exit(1);
}

const size = (meta, name) => {
  const out = Object.entries(meta.outputs).find(([file]) => file.endsWith(`${name}.cjs`));
  return out ? `${(out[1].bytes / 1024).toFixed(1)} KiB` : '?';
};
console.log(
  `build-electron: dist/electron/main.cjs (${size(main.metafile, 'main')}), ` +
    `dist/electron/pdf-worker.cjs (${size(pdfWorker.metafile, 'pdf-worker')}), ` +
    `dist/electron/file-worker.cjs (${size(fileWorker.metafile, 'file-worker')}), ` +
    `dist/electron/core-host.cjs (${size(coreHost.metafile, 'core-host')}), ` +
    `dist/electron/preload.cjs (${size(preload.metafile, 'preload')}) in ${Date.now() - started} ms`,
);
