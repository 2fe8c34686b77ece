#!/usr/bin/env node
/**
 * Bundles the command line with esbuild, as scripts/build-electron.mjs bundles
 * the desktop shell: electron/cli/main.ts → dist/cli/taizhang.cjs (Node,
 * CommonJS, our own code bundled, production dependencies external), with the
 * file worker (electron/core/jobs/fileWorker.ts) beside it as
 * dist/cli/file-worker.cjs, where fileJob.ts looks for it. bin/taizhang.mjs
 * runs the bundle when it is present and newer than the sources — starting in
 * a fraction of the time tsx needs to compile the TypeScript — and falls back
 * to tsx otherwise, so a fresh checkout works without a build.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const outdir = path.join(root, 'dist', 'cli');
const started = Date.now();

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  outdir,
  outExtension: { '.js': '.cjs' },
  // kysely is bundled (only the query builder and compilers we use, one file): as an external package
  // its whole CommonJS tree took ~50 ms to load on every command.
  external: Object.keys(pkg.dependencies ?? {}).filter((name) => name !== 'kysely'),
  // CommonJS has no import.meta: code that finds a worker file by import.meta.url gets the bundle's own URL.
  define: { 'import.meta.url': '__taizhang_import_meta_url', 'import.meta.dirname': '__dirname' },
  banner: { js: "'use strict';\nconst __taizhang_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
};

try {
  await build({ ...common, entryPoints: { taizhang: 'electron/cli/entry.ts' } });
  await build({ ...common, entryPoints: { 'file-worker': 'electron/core/jobs/fileWorker.ts' } });
  await build({ ...common, entryPoints: { 'pdf-worker': 'electron/core/jobs/pdfWorker.ts' } });
} catch {
  console.error('build-cli: bundling failed (errors above)');
  process.exit(1);
}
console.log(`build-cli: dist/cli/taizhang.cjs with its workers in ${Date.now() - started} ms`);
