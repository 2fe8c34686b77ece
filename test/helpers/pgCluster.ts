/**
 * A throwaway PostgreSQL cluster for the tests that run on PostgreSQL (issue 22):
 * initdb in a fresh temp folder, started on a free port of 127.0.0.1 (its unix
 * socket in the same folder), stopped and removed at the end — also when the
 * test process exits without reaching its afterAll.
 *
 * Needs Debian's PostgreSQL server binaries (`apt-get install -y postgresql`,
 * which .ci/run installs): initdb and pg_ctl from /usr/lib/postgresql/<version>/bin,
 * or the folder TAIZHANG_PG_BIN names. When they are missing the test FAILS with
 * that sentence — it is never skipped. initdb refuses to run as root, so as root
 * (CI, this machine) the cluster runs as the `postgres` user the package creates.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const INSTALL = 'apt-get install -y postgresql';

export interface PgCluster {
  dir: string;
  port: number;
  /** A URL of one database of the cluster (the superuser `taizhang`, no password: trust on a local throwaway). */
  url(database?: string): string;
  /**
   * Creates an empty database and returns its URL. `icuLocale` gives it that default collation
   * (as a bureau's server set up for Chinese would have: 'zh'); else the cluster's (C.UTF-8).
   */
  createDatabase(name?: string, options?: { icuLocale?: string }): Promise<string>;
  stop(): void;
}

/** The folder with initdb and pg_ctl: TAIZHANG_PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
export function postgresBinDir(): string {
  const wanted = process.env.TAIZHANG_PG_BIN;
  const candidates = wanted
    ? [wanted]
    : (fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql') : [])
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => path.join('/usr/lib/postgresql', v, 'bin'));
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')));
  if (!found) {
    throw new Error(
      `PostgreSQL server binaries (initdb, pg_ctl) not found${wanted ? ` in TAIZHANG_PG_BIN=${wanted}` : ' under /usr/lib/postgresql/*/bin'}: ` +
        `the PostgreSQL tests need them — ${INSTALL} (or set TAIZHANG_PG_BIN to the folder holding initdb and pg_ctl).`,
    );
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** As root, the cluster's programs run as `postgres` (initdb refuses root). */
function runAs(): { prefix: string[]; uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return { prefix: [] };
  let ids: string[];
  try {
    ids = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim().split('\n');
    ids.push(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    throw new Error(`running as root, the PostgreSQL tests start their cluster as the user postgres, which does not exist: ${INSTALL} creates it.`);
  }
  return { prefix: ['runuser', '-u', 'postgres', '--'], uid: Number(ids[0]), gid: Number(ids[1]) };
}

function runTool(prefix: string[], tool: string, args: string[]): void {
  const [cmd, ...rest] = [...prefix, tool, ...args];
  const result = spawnSync(cmd, rest, { encoding: 'utf8', timeout: 60_000, cwd: os.tmpdir() });
  if (result.status !== 0) {
    throw new Error(`${path.basename(tool)} failed (${result.error?.message ?? `exit ${result.status}`}): ${(result.stderr || result.stdout || '').trim().slice(0, 2000)}`);
  }
}

let databases = 0;

export async function startPgCluster(): Promise<PgCluster> {
  const bin = postgresBinDir();
  const who = runAs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-pg-'));
  if (who.uid !== undefined && who.gid !== undefined) fs.chownSync(dir, who.uid, who.gid);
  const data = path.join(dir, 'data');
  const pgCtl = path.join(bin, 'pg_ctl');
  let started = false;
  const stop = () => {
    process.off('exit', stop);
    if (started) {
      started = false;
      spawnSync(who.prefix[0] ?? pgCtl, [...who.prefix.slice(1), ...(who.prefix.length ? [pgCtl] : []), '-D', data, '-m', 'immediate', '-w', 'stop'], {
        stdio: 'ignore',
        timeout: 30_000,
        cwd: os.tmpdir(),
      });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stop);
  try {
    runTool(who.prefix, path.join(bin, 'initdb'), ['-D', data, '-U', 'taizhang', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    let port = 0;
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      try {
        runTool(who.prefix, pgCtl, [
          '-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start',
          '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
        ]);
        started = true;
        break;
      } catch (err) {
        // Another process may have taken the port between freePort and the start: try another one.
        if (attempt >= 2) throw new Error(`${(err as Error).message}\n${fs.existsSync(path.join(dir, 'server.log')) ? fs.readFileSync(path.join(dir, 'server.log'), 'utf8').slice(-2000) : ''}`);
      }
    }
    const url = (database = 'postgres') => `postgres://taizhang@127.0.0.1:${port}/${database}`;
    return {
      dir,
      port,
      url,
      async createDatabase(name = `t${process.pid}_${++databases}`, options = {}) {
        const client = new pg.Client({ connectionString: url() });
        await client.connect();
        try {
          const locale = options.icuLocale ? ` TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '${options.icuLocale}'` : '';
          await client.query(`CREATE DATABASE "${name}"${locale}`);
        } finally {
          await client.end();
        }
        return url(name);
      },
      stop,
    };
  } catch (err) {
    stop();
    throw err;
  }
}
