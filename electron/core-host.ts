/**
 * Entry of the core's own process (bundled as dist/electron/core-host.cjs and
 * started by main.ts with utilityProcess.fork): the database path comes in
 * TAIZHANG_CORE_DB. See coreProcess/host.ts.
 */
import { electronOrNodePort, runCoreHost } from './coreProcess/host';

const dbPath = process.env.TAIZHANG_CORE_DB;
if (!dbPath) {
  process.stderr.write('core-host: TAIZHANG_CORE_DB is not set\n');
  process.exit(2);
}
// TAIZHANG_CORE_SECRETS: 'system' when main can encrypt with safeStorage (electron/secretRelay.ts).
runCoreHost(electronOrNodePort(), dbPath, (code) => process.exit(code), process.env.TAIZHANG_CORE_SECRETS);
