/** Helpers for the exchange tests: a core on a temp database, API calls, and filling a workbook the way a person would. */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { openCore, type Core } from '../../electron/core';
import type { ExchangeExportFile } from '../../shared/api/methods/exchange';
import { tempDbPath } from './tempDb';
import { testStore, type Fill, type TestStore } from './testStore';

export interface TestCore extends Reader {
  core: Core;
  dbPath: string;
  cleanup(): void;
  call<T>(method: string, request: unknown): Promise<T>;
  refused(method: string, request: unknown): Promise<string>;
}

/** API calls on a core (a TestStore's too: its `core` is read at each call, so a reopened core is used): the value, or the refusal's message. */
export function coreCalls(on: { readonly core: Core }): Pick<TestCore, 'call' | 'refused'> {
  return {
    async call<T>(method: string, request: unknown): Promise<T> {
      const r = await on.core.call(method as never, request as never);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as T;
    },
    async refused(method: string, request: unknown): Promise<string> {
      const r = await on.core.call(method as never, request as never);
      if (r.ok) throw new Error(`${method} should have been refused`);
      return r.error.message;
    },
  };
}

/** A store of the project's engine (testStore.ts) with its API calls; no operator set: each test sets its own, as a person would. */
export type StoreCore = TestStore & ReturnType<typeof coreCalls>;
export async function storeCore(fill: Fill = 'example'): Promise<StoreCore> {
  const s = await testStore(fill, { operator: null });
  return Object.assign(s, coreCalls(s));
}

export function openTestCore(options: { seed?: boolean } = {}): TestCore {
  const t = tempDbPath();
  const core = openCore({ dbPath: t.dbPath, seedIfNew: options.seed ?? true });
  return {
    core,
    dbPath: t.dbPath,
    ...coreCalls({ core }),
    ...fileReader(t.dbPath),
    cleanup: () => {
      core.close();
      t.cleanup();
    },
  };
}

/** The first plan's id and the units by name (through the API: any store's core, `call` is all it needs). */
export async function names(tc: Pick<TestCore, 'call'>) {
  const planId = (await tc.call<{ id: number; title: string }[]>('plans.list', {}))[0].id;
  const dir = await tc.call<{ units: { id: number; name: string; parentId: number | null; kind: string }[] }>('units.directory', {});
  const unit = Object.fromEntries(dir.units.map((u) => [u.name, u.id]));
  const subUnits = dir.units.filter((u) => u.parentId === unit['青云谱区'] && u.kind !== 'department');
  return { planId, unit, subUnits };
}

export const bytesOf = (f: ExchangeExportFile) => Buffer.from(f.base64, 'base64');
export const asFile = (fileName: string, bytes: Buffer) => ({ fileName, dataBase64: bytes.toString('base64') });

/** What a person types: per indicator name a value (a number, or text as typed such as "3.2"), and optional notes / progress. */
export interface Filling {
  values: Record<string, number | string | null>;
  notes?: Record<string, string>;
  progress?: { row: number; status: string; text: string }[];
}

/** Opens the workbook, types into the yellow cells, saves it — as Excel or WPS would, keeping everything else. */
export async function fillWorkbook(bytes: Buffer, filling: Filling): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('填报表')!;
  let found = 0;
  ws.eachRow((row, r) => {
    if (r < 7) return;
    const name = String(row.getCell(2).value ?? '');
    if (name in filling.values) {
      row.getCell(6).value = filling.values[name];
      found++;
    }
    if (filling.notes && name in filling.notes) row.getCell(8).value = filling.notes[name];
  });
  if (found !== Object.keys(filling.values).length) throw new Error(`only ${found} of the indicators to fill were found in the workbook`);
  for (const p of filling.progress ?? []) {
    const ps = wb.getWorksheet('任务进展')!;
    ps.getRow(p.row).getCell(4).value = p.status;
    ps.getRow(p.row).getCell(5).value = p.text;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Plain SQL read back from a store, `?` placeholders (a TestStore's `rows`, or a TestCore's on its file): the entry screens' shapes change; the tables are the truth. */
export interface Reader {
  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
}

/** A SQLite file read back directly, read-only. */
export function fileReader(dbPath: string): Reader {
  return {
    rows: async <T,>(sql: string, ...params: unknown[]) => {
      const db = new Database(dbPath, { readonly: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
  };
}

/** Indicator ids of a plan by name. */
export const indicatorIds = async (on: Reader, planId: number): Promise<Record<string, number>> =>
  Object.fromEntries((await on.rows<{ id: number; name: string }>('SELECT id, name FROM indicators WHERE plan_id = ?', planId)).map((r) => [r.name, r.id]));

/** Targets of a plan: unit name → indicator name → value. */
export async function targetsByName(on: Reader, planId: number): Promise<Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, number>> = {};
  const rows = await on.rows<{ unit: string; indicator: string; value: number }>(
    `SELECT u.name AS unit, i.name AS indicator, t.value FROM targets t JOIN indicators i ON i.id = t.indicator_id
     JOIN units u ON u.id = t.unit_id WHERE i.plan_id = ?`,
    planId,
  );
  for (const r of rows) (out[r.unit] ??= {})[r.indicator] = r.value;
  return out;
}

/** Figures of a plan at the given periods: unit name → indicator name → value. */
export async function figuresByName(on: Reader, planId: number, periods: string[]): Promise<Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, number>> = {};
  const rows = await on.rows<{ unit: string; indicator: string; period: string; value: number }>(
    `SELECT u.name AS unit, i.name AS indicator, f.period, f.value FROM figures f JOIN indicators i ON i.id = f.indicator_id
     JOIN units u ON u.id = f.unit_id WHERE i.plan_id = ?`,
    planId,
  );
  for (const r of rows) if (periods.includes(r.period)) (out[r.unit] ??= {})[r.indicator] = r.value;
  return out;
}

/** Progress of a plan at a period: `${unitName}|${taskSeq}` → status, text, entered_by. */
export const progressByName = async (on: Reader, planId: number, period: string) =>
  Object.fromEntries(
    (
      await on.rows<{ unit: string; seq: number; status: string; text: string; entered_by: string }>(
        `SELECT u.name AS unit, t.seq, p.status, p.text, p.entered_by FROM progress p JOIN tasks t ON t.id = p.task_id
         JOIN action_lines a ON a.id = t.action_line_id JOIN units u ON u.id = p.unit_id WHERE a.plan_id = ? AND p.period = ?`,
        planId,
        period,
      )
    ).map((r) => [`${r.unit}|${r.seq}`, { status: r.status, text: r.text, by: r.entered_by }]),
  );

/** Task seqs a unit is responsible for, and their ids. */
export const responsibleTasks = (on: Reader, planId: number, unitId: number) =>
  on.rows<{ id: number; seq: number }>(
    `SELECT t.id, t.seq FROM tasks t JOIN action_lines a ON a.id = t.action_line_id JOIN task_units tu ON tu.task_id = t.id
     WHERE a.plan_id = ? AND tu.unit_id = ? AND tu.role = 'responsible' ORDER BY t.seq`,
    planId,
    unitId,
  );
