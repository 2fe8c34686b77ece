#!/usr/bin/env node
/**
 * `npm start`: build the renderer and the Electron shell, then run Taizhang in
 * Electron. Arguments after `npm start --` are passed to Electron.
 *
 * 1. Find Electron's binary WITHOUT triggering a download. require('electron')
 *    (node_modules/electron/index.js) downloads the binary when it is missing;
 *    on machines without access to Electron's download host that fails after
 *    a long wait. We read the same path.txt / dist/ it would use and only
 *    check that the file exists. If it does not, we print one sentence
 *    pointing to `npm run web` and exit 1.
 *
 * 2. better-sqlite3 is a native module: node_modules/better-sqlite3 is built
 *    for Node (tests, CLI, `npm run web` need it that way) and Electron needs
 *    a build for its own ABI. Rebuilding node_modules in place (what
 *    `electron-rebuild -f -w better-sqlite3` does) would break `npm test`
 *    until someone runs `npm rebuild better-sqlite3` — surprising. Instead we
 *    keep a SEPARATE copy built for Electron at
 *
 *        dist/electron/node_modules/better-sqlite3
 *
 *    Node's module resolution looks in dist/electron/node_modules before
 *    ./node_modules for code in dist/electron/main.cjs (and anything else
 *    bundled into dist/electron), so Electron picks up this copy and Node
 *    keeps using the original. No code needs to know. The copy is rebuilt
 *    (prebuilt download via prebuild-install, else node-gyp with Electron's
 *    headers) only when Electron's or better-sqlite3's version or the
 *    platform changes; a stamp file records what it was built for.
 *    It lives under dist/ (gitignored) and electron-builder.yml excludes it
 *    from packages (electron-builder rebuilds for Electron itself).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

/** Path of the Electron executable if it is installed, else null. Never downloads. */
export function findElectronBinary() {
  let electronDir;
  try {
    electronDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null; // the npm package itself is missing
  }
  let relative = null;
  try {
    relative = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    // no path.txt: install.js never completed
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const exe = path.join(override, relative || (process.platform === 'win32' ? 'electron.exe' : 'electron'));
    return fs.existsSync(exe) ? exe : null;
  }
  if (!relative) return null;
  const exe = path.join(electronDir, 'dist', relative);
  return fs.existsSync(exe) ? exe : null;
}

function run(command, args, what) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: false });
  if (result.status !== 0) {
    console.error(`npm start: ${what} failed.`);
    process.exit(result.status ?? 1);
  }
}

/** `npm run <script>` through the npm that is running us (npm_execpath), or npm on PATH. */
function runNpmScript(script) {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.(c|m)?js$/.test(npmCli)) run(process.execPath, [npmCli, 'run', script], `npm run ${script}`);
  else if (process.platform === 'win32') run('cmd.exe', ['/d', '/s', '/c', `npm run ${script}`], `npm run ${script}`);
  else run('npm', ['run', script], `npm run ${script}`);
}

const STAMP_FILE = '.taizhang-electron-build';

/** Where `npm start` keeps its Electron build of better-sqlite3 (see the comment at the top). */
export const DEV_ELECTRON_SQLITE_DIR = path.join(root, 'dist', 'electron', 'node_modules', 'better-sqlite3');

/**
 * Makes `target` a copy of node_modules/better-sqlite3 built for Electron
 * `electronVersion` on `platform`/`arch`, unless the stamp file says it
 * already is. node_modules/better-sqlite3 itself is never modified. Used by
 * `npm start` (target = DEV_ELECTRON_SQLITE_DIR) and by electron-builder's
 * afterPack hook (build/electron-native.mjs, one target per platform/arch).
 * Returns the path of the built .node file.
 */
export async function ensureElectronSqlite({
  electronVersion,
  arch = process.arch,
  platform = process.platform,
  target = DEV_ELECTRON_SQLITE_DIR,
  log = console.log,
} = {}) {
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const sqliteVersion = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')).version;
  const stampPath = path.join(target, STAMP_FILE);
  const wanted = `electron ${electronVersion}; better-sqlite3 ${sqliteVersion}; ${platform}-${arch}`;
  const binary = path.join(target, 'build', 'Release', 'better_sqlite3.node');

  const current = fs.existsSync(stampPath) ? fs.readFileSync(stampPath, 'utf8').trim() : null;
  if (current === wanted && fs.existsSync(binary)) return binary;

  log(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch}) in ${path.relative(root, target)}; node_modules stays built for Node…`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Copy the package without its Node build output.
  fs.cpSync(source, target, {
    recursive: true,
    filter: (p) => {
      const rel = path.relative(source, p);
      return rel !== 'build' && !rel.startsWith(`build${path.sep}`);
    },
  });

  // Under `npm start`, npm exports its config as npm_config_* variables; a
  // nodedir (set on machines whose Node headers live in /usr) or target/
  // runtime/disturl there would make node-gyp compile against Node's headers
  // instead of Electron's, giving a binary with the wrong ABI. Drop them.
  const removed = {};
  for (const key of Object.keys(process.env)) {
    if (/^npm_config_(nodedir|target|target_arch|target_platform|runtime|disturl|dist_url|arch|platform|build_from_source)$/i.test(key)) {
      removed[key] = process.env[key];
      delete process.env[key];
    }
  }
  // @electron/rebuild comes with electron-builder. projectRootPath = the copy
  // itself, so it rebuilds only this folder and never walks up into ./node_modules.
  // It tries a prebuilt binary first (prebuild-install, from GitHub), then
  // node-gyp with Electron's headers (host platform/arch only).
  const { rebuild } = await import('@electron/rebuild');
  const abiFile = path.join(path.dirname(require.resolve('electron/package.json')), 'abi_version');
  const forceABI = fs.existsSync(abiFile) ? Number(fs.readFileSync(abiFile, 'utf8').trim()) || undefined : undefined;
  try {
    await rebuild({
      buildPath: target,
      projectRootPath: target,
      electronVersion,
      arch,
      platform,
      force: true,
      forceABI,
      onlyModules: [],
    });
  } finally {
    Object.assign(process.env, removed);
  }
  if (!fs.existsSync(binary)) throw new Error(`no ${path.relative(root, binary)} after the rebuild`);
  fs.writeFileSync(stampPath, `${wanted}\n`);
  return binary;
}

/** The version of the installed electron npm package. */
export function electronPackageVersion() {
  return JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
}

async function main() {
  const electron = findElectronBinary();
  if (!electron) {
    console.error(
      "Electron's binary is not installed on this machine (未找到 Electron 程序); " +
        'run `npm run web` to use Taizhang in your browser at a local address (可用 `npm run web` 在浏览器中使用科创台账).',
    );
    process.exit(1);
  }

  const electronVersion = electronPackageVersion();
  runNpmScript('build:web');
  run(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')], 'build:electron');
  try {
    await ensureElectronSqlite({ electronVersion, log: (m) => console.log(`npm start: ${m}`) });
  } catch (err) {
    console.error(
      `npm start: could not build better-sqlite3 for Electron ${electronVersion} (无法为 Electron 编译 better-sqlite3): ` +
        `${err instanceof Error ? err.message : String(err)}`,
    );
    process.exit(1);
  }

  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env, windowsHide: false });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('error', (err) => {
    console.error(`npm start: could not run ${electron}: ${err.message}`);
    process.exit(1);
  });
  child.on('close', (code, signal) => {
    process.exit(code ?? (signal ? 1 : 0));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
