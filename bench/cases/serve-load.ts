/**
 * `taizhang serve` under load (issue 21): 200 simulated users — each a 填报员
 * logged in with its own session, bound to its own street of a 200-unit plan
 * × 40 indicators — each saving one cell of the entry grid every 5 s for
 * 2 minutes, against the real server process (`taizhang serve`, started as a
 * bureau starts it) on the loopback only. Goals: 0 errors (any error stops
 * the bench with its message) and the 99th percentile of a save under 200 ms,
 * next to the same save made in-process through core.call with no HTTP, no
 * session and no load (the baseline).
 *
 * Each answer's Server-Timing header says how long the core took; its 99th
 * percentile is printed beside the goal, so a slow core is told apart from a
 * machine whose CPU others are using (the rest of a save's time is waiting).
 *
 * Bounded: 200 users, 4,800 saves, 127.0.0.1 only, the server stopped and its
 * files removed at the end. TAIZHANG_BENCH_LOAD_SECONDS shortens the load for
 * a quick look (the goal is meant for the full 120 s).
 *
 * On PostgreSQL too (issue 22), with TAIZHANG_BENCH_PG=1: the same load
 * against `taizhang serve --db postgres://…` on a database of a throwaway
 * cluster (test/helpers/pgCluster.ts: local, fsync off — the server's own
 * time, not a disk's), the same plan and accounts written by the same Op
 * (one write transaction), and its own baseline (the same save through the
 * PostgreSQL core in-process). Add `--only PostgreSQL` to run it alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { openCore, type Core } from '../../electron/core';
import { openDb } from '../../electron/core/db/open';
import { writeTxOp } from '../../electron/core/db/tx';
import { insertUserOp } from '../../electron/core/db/repos/users';
import { hashPassword } from '../../electron/core/accounts/passwords';
import type { Op } from '../../electron/core/store/query';
import { openPostgresCore } from '../../electron/core/store/postgres/core';
import { connectPostgres } from '../../electron/core/store/postgres/pool';
import { migratePostgres } from '../../electron/core/store/postgres/migrate';
import { writeTxPgOp } from '../../electron/core/store/postgres/run';
import { largePlanOp, type LargePlan } from '../../test/helpers/largePlan';
import { startPgCluster, type PgCluster } from '../../test/helpers/pgCluster';
import { callOver, loginOrThrow, type ServerSession } from '../../test/helpers/serverClient';
import type { Benchmark } from '../harness';

const USERS = 200;
const EVERY_MS = 5_000;
const SECONDS = Number(process.env.TAIZHANG_BENCH_LOAD_SECONDS ?? 120);
const PERIOD = '2022-09';
const PASSWORD = '基准测试-密码-2022';
const ROOT = path.resolve(import.meta.dirname, '../..');

type Engine = 'sqlite' | 'postgres';
type Prepared = LargePlan & { accounts: { id: number; name: string; unitId: number }[] };

/** The plan, with one entry account per street (one hash for all: 200 scrypt hashes would only slow the set-up). */
function* benchStoreOp(hash: string): Op<Prepared> {
  const plan = yield* largePlanOp({ units: USERS, indicators: 40 });
  const at = new Date().toISOString();
  yield* insertUserOp({ name: '区管理员', role: 'admin', unitId: null, passwordHash: hash, by: '基准测试', at });
  const accounts: Prepared['accounts'] = [];
  for (let i = 0; i < plan.unitIds.length; i++) {
    const name = `填报员${i + 1}`;
    const unitId = plan.unitIds[i];
    accounts.push({ id: yield* insertUserOp({ name, role: 'entry', unitId, passwordHash: hash, by: '基准测试', at }), name, unitId });
  }
  return { ...plan, accounts };
}

/** `taizhang serve` as its own process, as systemd starts it; resolves with its address once it listens. */
function startServe(dir: string, db: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const pages = path.join(dir, 'pages');
  fs.mkdirSync(pages, { recursive: true });
  fs.writeFileSync(path.join(pages, 'index.html'), '<html><head></head><body></body></html>');
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/taizhang.mjs'), 'serve', '--db', db, '--host', '127.0.0.1', '--port', '0', '--json'], {
    cwd: ROOT,
    env: { ...process.env, TAIZHANG_RENDERER_DIR: pages, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ child, url: (JSON.parse(out.split('\n')[0]) as { url: string }).url });
    });
    child.on('exit', (code) => reject(new Error(`taizhang serve exited (${code}): ${err}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Logs everyone in, a few at a time (each login verifies a scrypt hash on the server's thread pool). */
async function logInAll(url: string): Promise<ServerSession[]> {
  const sessions: ServerSession[] = new Array(USERS);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < USERS) {
        const i = next++;
        sessions[i] = await loginOrThrow(url, `填报员${i + 1}`, PASSWORD);
      }
    }),
  );
  return sessions;
}

/**
 * The load and its baseline on one engine. A SQLite store is a file in this case's folder; a PostgreSQL
 * store a database of a throwaway cluster, started on first use and stopped with the folder's removal.
 */
function serveLoadCase(engine: Engine): { load: Benchmark; baseline: Benchmark } {
  // Made on first use: a run of other cases (--only) leaves no empty folder behind.
  let madeDir: string | null = null;
  const folder = () => (madeDir ??= fs.mkdtempSync(path.join(os.tmpdir(), `taizhang-bench-serve-${engine === 'sqlite' ? '' : 'pg-'}`)));
  let cluster: Promise<PgCluster> | null = null;
  /** The baseline's store, opened on its first run (the harness times the baseline before the load). */
  let local: { core: Core; plan: Prepared } | null = null;

  /** A new store holding the plan and accounts: what `--db` takes, and the plan. */
  async function preparedStore(name: string): Promise<{ db: string; plan: Prepared }> {
    const hash = await hashPassword(PASSWORD);
    if (engine === 'sqlite') {
      const file = path.join(folder(), `${name}.db`);
      const { db } = openDb(file);
      try {
        return { db: file, plan: writeTxOp(db, benchStoreOp(hash)) };
      } finally {
        db.close();
      }
    }
    cluster ??= startPgCluster();
    const url = await (await cluster).createDatabase(`bench_${name}`);
    const pool = await connectPostgres(url, url);
    try {
      await migratePostgres(pool, url);
      return { db: url, plan: await writeTxPgOp(pool, benchStoreOp(hash), url) };
    } finally {
      await pool.end();
    }
  }

  /** After the load: the baseline's store closed, the cluster stopped and every file of this case removed (no exit listener needed). */
  async function cleanUp(): Promise<void> {
    await local?.core.close();
    local = null;
    const started = cluster;
    cluster = null;
    if (started) (await started.catch(() => undefined))?.stop();
    if (madeDir) fs.rmSync(madeDir, { recursive: true, force: true });
    madeDir = null;
  }

  /** The 99th percentile of the core's own time per save (the server's Server-Timing header), once the load ran. */
  let coreP99: number | null = null;
  const where = engine === 'sqlite' ? '' : ' on PostgreSQL';

  const load: Benchmark = {
    // The core's share tells a slow core from a busy machine: on 2 shared cores the rest is waiting for the CPU.
    get name() {
      const core = coreP99 == null ? '' : `; of which the core p99 ${coreP99.toFixed(1)} ms`;
      return `taizhang serve${where}: ${USERS} 填报员 each saving a cell every ${EVERY_MS / 1000} s for ${SECONDS} s (HTTP, sessions, 审核; 200 × 40 plan${core})`;
    },
    goalMs: 200,
    percentile: 99,
    run: () => undefined,
    async samples() {
      try {
        const { db, plan } = await preparedStore('serve');
        // A PostgreSQL store's daily copy (taken at start) goes to the per-user folder: this case's own.
        const { child, url } = await startServe(folder(), db, engine === 'sqlite' ? {} : { XDG_CONFIG_HOME: folder() });
        try {
          const sessions = await logInAll(url);
          const latencies: number[] = [];
          const errors: string[] = [];
          const coreMs: number[] = [];
          const end = performance.now() + SECONDS * 1000;
          await Promise.all(
            sessions.map(async (session, i) => {
              // Spread over the interval, as people are; then every 5 s.
              await new Promise((r) => setTimeout(r, (i * EVERY_MS) / USERS));
              for (let n = 0; performance.now() < end; n++) {
                const started = performance.now();
                const edit = { indicatorId: plan.indicatorIds[(i + n) % plan.indicatorIds.length], unitId: plan.unitIds[i], period: PERIOD, value: 1 + ((i + n) % 9) };
                const r = await callOver(url, session, 'entry.save', { planId: plan.planId, edits: [edit], view: { kind: 'units', period: PERIOD } });
                latencies.push(performance.now() - started);
                if (r.coreMs != null) coreMs.push(r.coreMs);
                if (r.status !== 200 || !r.body.ok) errors.push(`${r.status} ${r.body.error?.message ?? ''}`);
                const wait = started + EVERY_MS - performance.now();
                if (wait > 0) await new Promise((res) => setTimeout(res, wait));
              }
            }),
          );
          coreMs.sort((a, b) => a - b);
          coreP99 = coreMs[Math.max(0, Math.ceil(coreMs.length * 0.99) - 1)] ?? null;
          if (errors.length) throw new Error(`${errors.length} of ${latencies.length} saves failed under load, e.g. ${errors[0]}`);
          return latencies;
        } finally {
          await stop(child);
        }
      } finally {
        await cleanUp();
      }
    },
  };

  let counter = 0;

  /** Baseline: the same save by the same kind of account, in-process (core.call), one at a time: no HTTP, no session, no load. */
  const baseline: Benchmark = {
    name: `the same save in-process${where}: core.call('entry.save') as a 填报员 with its grid patch, no HTTP, no load`,
    run: async () => {
      if (!local) {
        const { db, plan } = await preparedStore('local');
        local = { core: engine === 'sqlite' ? openCore({ dbPath: db, seedIfNew: false, dailyBackup: false }) : await openPostgresCore({ url: db, shown: db }), plan };
      }
      const { core, plan } = local;
      counter++;
      const a = plan.accounts[counter % USERS];
      const edit = { indicatorId: plan.indicatorIds[counter % 40], unitId: a.unitId, period: PERIOD, value: 1 + (counter % 9) };
      const caller = { kind: 'account' as const, account: { id: a.id, name: a.name, role: 'entry' as const, unitId: a.unitId }, from: '127.0.0.1' };
      const r = await core.call('entry.save', { planId: plan.planId, edits: [edit], view: { kind: 'units', period: PERIOD } }, caller);
      if (!r.ok) throw new Error(r.error.message);
    },
  };
  load.baseline = baseline;
  return { load, baseline };
}

export const serveLoad = serveLoadCase('sqlite').load;
/** The same load on PostgreSQL (TAIZHANG_BENCH_PG=1): its own cluster, store and baseline. */
const serveLoadPg = process.env.TAIZHANG_BENCH_PG === '1' ? serveLoadCase('postgres').load : null;

export const serveBenchmarks: Benchmark[] = serveLoadPg ? [serveLoad, serveLoadPg] : [serveLoad];
