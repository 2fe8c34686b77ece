/**
 * electron-builder afterPack hook (electron-builder.yml: afterPack): puts an
 * Electron build of better-sqlite3 into the packaged app.
 *
 * Why not `npmRebuild: true`: electron-builder then runs @electron/rebuild on
 * ./node_modules IN PLACE. node_modules/better-sqlite3 afterwards holds an
 * Electron build, so `npm test`, the CLI and `npm run web` fail to load it
 * until `npm rebuild better-sqlite3`; and without network node-gyp deletes
 * the working Node build before failing to fetch Electron's headers. So
 * npmRebuild is off, electron-builder packs node_modules as they are, and this
 * hook replaces the one native file in app.asar.unpacked with a build made in
 * a separate copy (node_modules/.cache/taizhang-electron-native/<platform>-<arch>),
 * by the same code `npm start` uses (scripts/start.mjs ensureElectronSqlite):
 * a prebuilt binary for that platform/arch when one can be downloaded,
 * else node-gyp from source with Electron's headers (host platform/arch only).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronPackageVersion, ensureElectronSqlite } from '../scripts/start.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** builder-util's Arch enum. */
const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

export default async function afterPack(context) {
  const platform = context.electronPlatformName;
  const arch = typeof context.arch === 'number' ? ARCH_NAMES[context.arch] : String(context.arch);
  const electronVersion = context.packager?.info?.framework?.version ?? electronPackageVersion();
  const resourcesDir = context.packager.getResourcesDir(context.appOutDir);
  const dest = path.join(resourcesDir, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (!fs.existsSync(dest)) {
    throw new Error(`afterPack: ${dest} is missing; is better-sqlite3's .node still listed in asarUnpack?`);
  }
  const target = path.join(root, 'node_modules', '.cache', 'taizhang-electron-native', `${platform}-${arch}`, 'better-sqlite3');
  const built = await ensureElectronSqlite({
    electronVersion,
    arch,
    platform,
    target,
    log: (message) => console.log(`  • ${message}`),
  });
  fs.copyFileSync(built, dest);
  console.log(`  • better-sqlite3 for Electron ${electronVersion} (${platform}-${arch}) → ${path.relative(context.appOutDir, dest)}`);
}
