/**
 * The core's events on both engines (issue 22): the same calls — figures, a
 * no-op save, locks, 任务进展, plan and unit edits, a removal listed then done,
 * an import, a summary, the operator setting, a restore — deliver the same
 * `data.changed` events on a SQLite file and on a PostgreSQL store (one table,
 * electron/core/dataChanged.ts, for both cores); the summary PDF's job.progress
 * reaches the listeners on PostgreSQL as on SQLite.
 *
 * Several processes on one PostgreSQL database (store/postgres/events.ts): a
 * write by one core reaches a second core's listeners (LISTEN/NOTIFY), a
 * `taizhang unit add` from a terminal too, a core never hears its own write
 * twice, and a listening connection that breaks is opened again (with one
 * reload-everything event). `taizhang serve` over PostgreSQL: a page's event
 * stream sees another session's save, on the same server and on a second
 * server over the same database.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Core } from '../../electron/core';
import type { Caller } from '../../electron/core/caller';
import { openPostgresCore } from '../../electron/core/store/postgres/core';
import { startServer } from '../../electron/web/server';
import type { ApiEvents } from '../../shared/api/contract';
import type { BackupEntry } from '../../shared/backup/types';
import { annex2Csv } from '../fixtures/import/make-fixtures';
import { addAccount, PASSWORD } from '../helpers/accounts';
import { taizhang } from '../helpers/cli';
import type { EngineName, EngineStore } from '../helpers/engines';
import { callOk, exampleOnBothEngines, type ExampleFixture } from '../helpers/exampleEngines';
import { callOver, loginOrThrow, type ServerSession } from '../helpers/serverClient';
import { tempDir } from '../helpers/tempDb';

const AT = '2022-08-31T08:00:00.000Z';
const WANG: Caller = { kind: 'command', operator: '王区' };
type Changed = ApiEvents['data.changed'];

const { stores } = exampleOnBothEngines(8, AT);

const call = <T = unknown>(core: Core, method: string, request: unknown, caller: Caller = WANG) => callOk<T>(core, method, request, caller);

/** Every data.changed the core's listeners get while `act` runs, in order. */
async function heard(core: Core, act: () => Promise<void>): Promise<Changed[]> {
  const got: Changed[] = [];
  const off = core.on('data.changed', (e) => got.push(e));
  try {
    await act();
  } finally {
    off();
  }
  return got;
}

/** Waits until `check` holds (polling), failing after `ms`. */
async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The connections LISTENing on the store's database, by pid (store/postgres/events.ts opens one per listening core). */
async function listeningPids(s: EngineStore): Promise<number[]> {
  const rows = await s.sql(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'taizhang-events' AND query LIKE 'LISTEN%' ORDER BY pid",
  );
  return rows.map((r) => Number(r.pid));
}
const listening = async (s: EngineStore) => (await listeningPids(s)).length;

/** The same session of calls on one store, the events heard after each step. */
async function session(f: ExampleFixture): Promise<Record<string, Changed[]>> {
  const { s, planId, unit, monthly } = f;
  const out: Record<string, Changed[]> = {};
  const step = async (name: string, act: () => Promise<unknown>) => {
    out[name] = await heard(s.core, async () => {
      await act();
    });
  };
  const [aug] = await s.sql(`SELECT value FROM figures WHERE indicator_id = ${monthly} AND unit_id = ${unit['洪都街道']} AND period = '2022-08'`);
  const edit = { indicatorId: monthly, unitId: unit['洪都街道'], period: '2022-09', value: Number(aug.value) + 1, confirmed: true };
  await step('figure saved', () => call(s.core, 'entry.save', { planId, edits: [edit] }));
  await step('the same value again', () => call(s.core, 'entry.save', { planId, edits: [edit] }));
  await step('locked', () => call(s.core, 'entry.lock', { planId, period: '2022-09' }));
  await step('unlocked', () => call(s.core, 'entry.unlock', { planId, period: '2022-09', reason: '更正数据' }));
  const sheet = await call<{ rows: { taskId: number; unitId: number }[] }>(s.core, 'progress.sheet', { planId, period: '2022-09' });
  const row = sheet.rows[0];
  await step('progress', () =>
    call(s.core, 'progress.save', {
      planId,
      period: '2022-09',
      entries: [{ taskId: row.taskId, unitId: row.unitId, status: 'in_progress', text: '推进中', reportedOn: '2022-09-20' }],
    }),
  );
  const { id: lineId } = await call<{ id: number }>(s.core, 'actionLines.save', { planId, title: '新增重点工作' });
  const lead = [unit['区科工局'] ?? unit['青云谱区']];
  await step('task added', () => call(s.core, 'tasks.save', { planId, task: { actionLineId: lineId, content: '新任务', leadUnitIds: lead, responsible: [], deadline: null } }));
  const tasks = (await s.sql(`SELECT t.id FROM tasks t JOIN action_lines a ON a.id = t.action_line_id WHERE a.plan_id = ${planId} ORDER BY t.id`)).map((r) => Number(r.id));
  // A removal that must first list what goes (the task has progress) changes nothing until confirmed.
  const withProgress = row.taskId;
  await step('removal listed', () => call(s.core, 'tasks.remove', { planId, taskId: withProgress }));
  await step('removal done', () => call(s.core, 'tasks.remove', { planId, taskId: tasks.at(-1), confirm: true }));
  await step('unit added', () => call(s.core, 'units.save', { unit: { name: '新设街道', fullName: null, kind: 'street', parentId: unit['青云谱区'] } }));
  const plan = (await s.sql(`SELECT title, doc_number, year_start, year_end FROM plans WHERE id = ${planId}`))[0];
  await step('plan renamed', () =>
    call(s.core, 'plan.update', {
      planId,
      title: `${plan.title}（修订）`,
      docNumber: plan.doc_number,
      issuer: null,
      issuedOn: null,
      yearStart: Number(plan.year_start),
      yearEnd: Number(plan.year_end),
    }),
  );
  await step('summary saved', () => call(s.core, 'summary.save', { planId, unitId: unit['青云谱区'], year: 2022, title: '2022年工作总结' }));
  const csv = annex2Csv().replace(/^洪都街道,(\d+)/m, (_m, n) => `洪都街道,${Number(n) + 2}`);
  await step('import', () => call(s.core, 'import.commit', { fileName: '附件2.csv', text: csv, planId }));
  await step('operator of a command', () => call(s.core, 'operator.set', { name: '李华' }));
  await step('operator of the PC', () => call(s.core, 'operator.set', { name: '王芳' }, { kind: 'pc' }));
  const copy = await call<BackupEntry>(s.core, 'backup.create', {});
  await step('restored', () => call(s.core, 'backup.restore', { id: copy.id, confirm: true }));
  return out;
}

describe('data.changed: the same events for the same calls on both engines', () => {
  it('figures, locks, progress, plan and unit edits, a removal, an import, a summary, the operator, a restore', async () => {
    const lite = await session(stores.sqlite);
    const pg = await session(stores.postgres);
    const planId = stores.sqlite.planId;
    expect(lite).toEqual({
      'figure saved': [{ planId, reason: 'figures' }],
      'the same value again': [],
      locked: [{ planId, reason: 'lock' }],
      unlocked: [{ planId, reason: 'unlock' }],
      progress: [{ planId, reason: 'progress' }],
      'task added': [{ planId, reason: 'tasks' }],
      'removal listed': [],
      'removal done': [{ planId, reason: 'tasks' }],
      'unit added': [{ planId: null, reason: 'units' }],
      'plan renamed': [{ planId, reason: 'plans' }],
      'summary saved': [{ planId, reason: 'summary.save' }],
      import: [{ planId, reason: 'import' }],
      'operator of a command': [],
      'operator of the PC': [{ planId: null, reason: 'operator' }],
      restored: [{ planId: null, reason: 'restore' }],
    });
    expect(pg).toEqual(lite);
  }, 120_000);

  it('job.progress of the summary PDF reaches the listeners on PostgreSQL as on SQLite', async () => {
    const stages: Record<EngineName, ApiEvents['job.progress'][]> = { sqlite: [], postgres: [] };
    for (const engine of ['sqlite', 'postgres'] as const) {
      const f = stores[engine];
      const off = f.s.core.on('job.progress', (p) => stages[engine].push(p));
      onTestFinished(off);
      await call(f.s.core, 'summary.pdf', { planId: f.planId, unitId: f.unit['青云谱区'], year: 2022, jobId: `pdf-${engine}` });
    }
    expect(stages.postgres.length).toBeGreaterThan(2);
    expect(stages.postgres.every((p) => p.jobId === 'pdf-postgres' && p.kind === 'summary.pdf')).toBe(true);
    expect(stages.postgres.at(-1)).toMatchObject({ stage: '已完成' });
    expect(stages.postgres.map((p) => p.stage)).toEqual(stages.sqlite.map((p) => p.stage));
  }, 120_000);
});

describe('several processes on one PostgreSQL database (LISTEN/NOTIFY)', () => {
  it('a write by one core reaches a second core’s listeners once; a terminal’s unit add too; a core hears its own write once', async () => {
    const f = stores.postgres;
    const second = await openPostgresCore({ url: f.s.db, shown: f.s.db });
    onTestFinished(() => second.close());
    const there: Changed[] = [];
    const here: Changed[] = [];
    onTestFinished(second.on('data.changed', (e) => there.push(e)));
    onTestFinished(f.s.core.on('data.changed', (e) => here.push(e)));
    await until(async () => (await listening(f.s)) === 2, 'both cores to listen');

    await call(f.s.core, 'entry.lock', { planId: f.planId, period: '2022-10' });
    await until(() => there.length === 1, 'the second core to hear the lock');
    expect(there).toEqual([{ planId: f.planId, reason: 'lock' }]);
    // Its own listener had it at once, and not a second time from the notification.
    await new Promise((r) => setTimeout(r, 300));
    expect(here).toEqual([{ planId: f.planId, reason: 'lock' }]);

    // A command from a terminal (its own core, never listening) reaches both.
    const cli = await taizhang(['unit', 'add', '--name', '终端街道', '--parent', '青云谱区', '--db', f.s.db, '--operator', '王芳']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    await until(() => there.length === 2 && here.length === 2, 'the terminal’s write to reach both cores');
    expect(there[1]).toEqual({ planId: null, reason: 'units' });
    expect(here[1]).toEqual({ planId: null, reason: 'units' });
  }, 60_000);

  it('a listening connection that breaks is opened again, with one event that reloads every screen', async () => {
    const f = stores.postgres;
    const listener = await openPostgresCore({ url: f.s.db, shown: f.s.db });
    onTestFinished(() => listener.close());
    const others = await listeningPids(f.s);
    const got: Changed[] = [];
    onTestFinished(listener.on('data.changed', (e) => got.push(e)));
    let own: number[] = [];
    await until(async () => (own = (await listeningPids(f.s)).filter((p) => !others.includes(p))).length === 1, 'the core to listen');
    await f.s.sql(`SELECT pg_terminate_backend(${own[0]})`);
    await until(() => got.some((e) => e.reason === 'reconnect'), 'the listening connection to come back', 15_000);
    expect(got).toEqual([{ planId: null, reason: 'reconnect' }]);
    const now = (await listeningPids(f.s)).filter((p) => !others.includes(p));
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(own[0]);
    await call(f.s.core, 'entry.unlock', { planId: f.planId, period: '2022-10', reason: '重新填报' });
    await until(() => got.length === 2, 'the next write to arrive');
    expect(got[1]).toEqual({ planId: f.planId, reason: 'unlock' });
  }, 60_000);
});

/** An index.html for the server to serve (the pages themselves are not under test here). */
function rendererDir(): string {
  const t = tempDir();
  onTestFinished(() => t.cleanup());
  fs.writeFileSync(path.join(t.dir, 'index.html'), '<html><head><title>科创台账</title></head><body></body></html>');
  return t.dir;
}

/** A page's event stream (GET /api/events with the session's cookie and csrf): the data.changed events it receives. */
function eventStream(origin: string, session: ServerSession): Promise<{ events: Changed[]; close(): void }> {
  const url = new URL('/api/events', origin);
  return new Promise((resolve, reject) => {
    const events: Changed[] = [];
    const req = http.get(
      { host: url.hostname, port: url.port, path: url.pathname, headers: { Cookie: session.cookie, 'x-taizhang-csrf': session.csrf } },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`events: HTTP ${res.statusCode}`));
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
            const block = text.slice(0, end);
            text = text.slice(end + 2);
            const data = /^event: data\.changed\ndata: (.*)$/m.exec(block);
            if (data) events.push(JSON.parse(data[1]));
          }
        });
        resolve({ events, close: () => req.destroy() });
      },
    );
    req.on('error', (err) => {
      if (!req.destroyed) reject(err);
    });
  });
}

describe('taizhang serve over PostgreSQL: pages reload on another session’s save', () => {
  it('on the same server, and on a second server over the same database', async () => {
    const f = stores.postgres;
    await addAccount(f.s.core, '区管理员', 'admin');
    await addAccount(f.s.core, '洪都录入', 'entry', f.unit['洪都街道']);
    const first = await startServer({ core: f.s.core, rendererDir: rendererDir(), port: 0 });
    onTestFinished(() => first.close());
    const otherCore = await openPostgresCore({ url: f.s.db, shown: f.s.db });
    onTestFinished(() => otherCore.close());
    const second = await startServer({ core: otherCore, rendererDir: rendererDir(), port: 0 });
    onTestFinished(() => second.close());

    const admin = await loginOrThrow(first.origin, '区管理员', PASSWORD);
    const street = await loginOrThrow(first.origin, '洪都录入', PASSWORD);
    const elsewhere = await loginOrThrow(second.origin, '区管理员', PASSWORD);
    const streetPage = await eventStream(first.origin, street);
    onTestFinished(streetPage.close);
    const otherPage = await eventStream(second.origin, elsewhere);
    onTestFinished(otherPage.close);
    await until(async () => (await listening(f.s)) === 2, 'both servers to listen');

    const [aug] = await f.s.sql(`SELECT value FROM figures WHERE indicator_id = ${f.monthly} AND unit_id = ${f.unit['京山街道']} AND period = '2022-08'`);
    const saved = await callOver(first.origin, admin, 'entry.save', {
      planId: f.planId,
      edits: [{ indicatorId: f.monthly, unitId: f.unit['京山街道'], period: '2022-09', value: Number(aug.value) + 2, confirmed: true }],
    });
    expect(saved.body).toMatchObject({ ok: true, value: { changed: 1 } });
    const expected = { planId: f.planId, reason: 'figures' };
    await until(() => streetPage.events.length === 1 && otherPage.events.length === 1, 'both pages to hear the save');
    expect(streetPage.events).toEqual([expected]);
    expect(otherPage.events).toEqual([expected]);
  }, 60_000);
});
