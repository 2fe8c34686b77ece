/**
 * A fault-injecting stand-in for a full disk, for machines where a test
 * cannot mount a tiny tmpfs (no root): loaded into a child process with
 * NODE_OPTIONS=--require <this file>, it makes the folder named by
 * TAIZHANG_TEST_FULL_DIR behave as a full disk at the fs/db boundary —
 * file writes there fail with ENOSPC and every write transaction of a
 * database there with SQLITE_FULL, exactly the errors a full disk gives.
 * See test/helpers/tinyDisk.ts, which prefers the real thing.
 */
const dir = process.env.TAIZHANG_TEST_FULL_DIR;
if (dir) {
  const fs = require('node:fs');
  const path = require('node:path');
  const under = (p) => typeof p === 'string' && path.resolve(p).startsWith(dir + path.sep);
  const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
  for (const name of ['writeFileSync', 'appendFileSync']) {
    const real = fs[name];
    fs[name] = function (file, ...rest) {
      if (under(file)) throw enospc();
      return real.call(this, file, ...rest);
    };
  }
  const Database = require('better-sqlite3');
  const realTransaction = Database.prototype.transaction;
  Database.prototype.transaction = function (fn) {
    const tx = realTransaction.call(this, fn);
    if (!under(this.name)) return tx;
    const full = () => {
      throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
    };
    return Object.assign(full, { deferred: full, immediate: full, exclusive: full });
  };
}
