/**
 * Writers wait their turn: three processes on one database file at the same
 * time — `taizhang import` committing target breakdowns, `taizhang exchange
 * import` taking returns, and `npm run web` (started with --port 0) saving
 * figures in a loop for a script — and every one of their writes succeeds.
 * Writes start BEGIN IMMEDIATE (electron/core/db/tx.ts) and wait up to the
 * busy timeout (30 s, electron/core/db/busy.ts) for the one writing before.
 * Before that, a CLI import failed 3 times of 3 beside a saving web host.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDb';
import { ROOT, taizhangProcess as taizhang, type CliRun } from '../helpers/cli';
import { bytesOf, fillWorkbook, names, openTestCore } from '../helpers/exchange';
import { assertRendererBuilt } from '../e2e/browser';
import type { ExchangeExportFile } from '../../shared/api/methods/exchange';

let tmp: { dir: string; cleanup(): void };
let db: string;
let web: ChildProcess | null = null;
const breakdown = { original: '', changed: '' };
const returns: string[] = [];
let planId: number;
let target: { indicatorId: number; unitId: number };

beforeAll(async () => {
  assertRendererBuilt(); // `npm run web` serves dist/renderer
  tmp = tempDir('taizhang-concurrent-');
  // The district's database with the example, its fill-in workbooks for three streets, filled in as they would be.
  const tc = openTestCore();
  db = path.join(tmp.dir, 'taizhang.db');
  const n = await names(tc);
  planId = n.planId;
  const { files } = await tc.call<{ files: ExchangeExportFile[] }>('exchange.export', {
    planId,
    period: '2022-12',
    unitIds: [n.unit['洪都街道'], n.unit['京山街道'], n.unit['岱山街道']],
    format: 'xlsx',
  });
  const fills: Record<string, number | string>[] = [{ 科技型中小企业: 9, 技术合同成交额: '0.06' }, { 高新技术企业: '7' }, { 科技型中小企业: 12 }];
  for (const [i, f] of files.entries()) {
    const file = path.join(tmp.dir, `${f.unitName}回报.xlsx`);
    fs.writeFileSync(file, await fillWorkbook(bytesOf(f), { values: fills[i] }));
    returns.push(file);
  }
  const dir = await tc.call<{ units: { id: number; name: string }[] }>('units.directory', {});
  const grid = await tc.call<{ indicators: { id: number; name: string }[] }>('entry.grid', { planId, period: '2022-12' });
  target = {
    indicatorId: grid.indicators.find((i) => i.name === '技术合同成交额')!.id,
    unitId: dir.units.find((u) => u.name === '青云谱镇')!.id,
  };
  tc.core.close();
  fs.copyFileSync(tc.dbPath, db);
  tc.cleanup();
  // 附件2 as the bureau keeps it, and a corrected version (三家店街道 21 → 22): each import changes a target.
  breakdown.original = path.join(tmp.dir, '附件2.csv');
  breakdown.changed = path.join(tmp.dir, '附件2（更正）.csv');
  const csv = [
    '2022年有关科技创新指导性任务分解表,,,',
    '县区,科技型中小企业（家）,高新技术企业数量（家）,技术合同成交额（亿元）',
    '青云谱区,140,76,7',
    '三家店街道,21,14,3',
    '洪都街道,8,4,0.05',
    '徐家坊街道,39,19,3',
    '京山街道,13,7,0.5',
    '岱山街道,8,6,0.15',
    '青云谱镇,16,7,0.1',
    '新经济产业集聚区,35,19,0.2',
  ].join('\r\n');
  fs.writeFileSync(breakdown.original, `\ufeff${csv}\r\n`);
  fs.writeFileSync(breakdown.changed, `\ufeff${csv.replace('三家店街道,21,', '三家店街道,22,')}\r\n`);
}, 60_000);

afterAll(() => {
  web?.kill('SIGTERM');
  tmp?.cleanup();
});

/** `npm run web -- --port 0 --db FILE` as a child process; resolves with the printed address. */
function startWeb(): Promise<{ origin: string; token: string }> {
  return new Promise((resolve, reject) => {
    web = spawn(process.execPath, ['--import', 'tsx', 'electron/web/cli-entry.ts', '--port', '0', '--db', db], {
      cwd: ROOT,
      env: { ...process.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    web.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const m = out.match(/(http:\/\/127\.0\.0\.1:(\d+))\/\?token=([0-9a-f]+)/);
      if (m) resolve({ origin: m[1], token: m[3] });
    });
    web.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    web.on('exit', (code) => reject(new Error(`npm run web exited (${code}): ${out}`)));
  });
}

describe('three writers on one file', () => {
  it('a CLI import, a return import and the web host saving in a loop all succeed', async () => {
    const { origin, token } = await startWeb();
    expect(Number(new URL(origin).port)).toBeGreaterThan(0); // --port 0: any free port, printed
    const api = async (method: string, request: unknown) => {
      const res = await fetch(`${origin}/api/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-taizhang-token': token },
        body: JSON.stringify({ method, request }),
      });
      return (await res.json()) as { ok: boolean; error?: { message: string } };
    };
    // A script names itself once with the printed token.
    expect((await api('operator.set', { name: '网页脚本' })).ok).toBe(true);

    let lanesDone = false;
    const saves = { ok: 0, failed: [] as string[] };
    const webLane = (async () => {
      for (let i = 0; !lanesDone; i++) {
        const r = await api('entry.save', { planId, edits: [{ ...target, period: '2022-12', value: i % 2 ? 0.02 : 0.01 }] });
        if (r.ok) saves.ok++;
        else saves.failed.push(r.error!.message);
      }
    })();
    const runs: { lane: string; run: CliRun }[] = [];
    const importLane = (async () => {
      for (const file of [breakdown.changed, breakdown.original, breakdown.changed]) {
        runs.push({ lane: 'import', run: await taizhang(['import', file, '--db', db, '--plan', String(planId), '--operator', '导入员', '--json']) });
      }
    })();
    const returnLane = (async () => {
      for (const file of returns) {
        runs.push({ lane: 'exchange import', run: await taizhang(['exchange', 'import', file, '--db', db, '--operator', '王区', '--json']) });
      }
    })();
    await Promise.all([importLane, returnLane]);
    lanesDone = true;
    await webLane;

    for (const { lane, run } of runs) {
      expect(run.code, `${lane}: ${run.stdout}${run.stderr}`).toBe(0);
      expect(JSON.parse(run.stdout).ok).toBe(true);
    }
    expect(runs).toHaveLength(6);
    expect(saves.failed).toEqual([]);
    expect(saves.ok).toBeGreaterThan(20);

    const check = new Database(db, { readonly: true });
    try {
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      // Every writer's work is there, under its own name.
      const historyBy = (by: string) => check.prepare('SELECT count(*) FROM target_history WHERE changed_by = ?').pluck().get(by) as number;
      expect(historyBy('导入员')).toBe(3); // 21 → 22 → 21 → 22
      const figureBy = (by: string) => check.prepare('SELECT count(*) FROM figure_history WHERE changed_by = ?').pluck().get(by) as number;
      expect(figureBy('网页脚本')).toBe(saves.ok);
      expect(figureBy('王区')).toBe(4);
    } finally {
      check.close();
    }
  }, 180_000);
});
