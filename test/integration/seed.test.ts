/**
 * The example plan file against its source document, and the loader's
 * all-or-nothing behaviour on a broken plan file.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import example from '../../seeds/qingyunpu-2022.json';
import { openDb, type Db } from '../../electron/core/db/open';
import { loadPlanSeed } from '../../electron/core/seed/loadPlan';
import { tempDbPath } from '../helpers/tempDb';

const documentText = fs.readFileSync(new URL('../../seeds/documents/003_qingyunpu_2022.txt', import.meta.url), 'utf8');
/** The document with line breaks, spaces and half/full-width commas evened out, as the seed joins them. */
const flat = documentText.replace(/\s+/g, '').replace(/,/g, '，');
const squash = (s: string) => s.replace(/\s+/g, '').replace(/,/g, '，');

describe('seeds/qingyunpu-2022.json matches 青政办发〔2022〕16号', () => {
  it('every task of 附件1 appears in the document with its lead unit', () => {
    const tasks = example.actionLines.flatMap((l) => l.tasks);
    expect(tasks).toHaveLength(16);
    for (const t of tasks) {
      expect(flat).toContain(squash(t.content));
      expect(flat).toContain(squash(t.lead));
    }
  });

  it('every action line title appears as "(一) …" in the annex', () => {
    const numerals = '一二三四五六七';
    example.actionLines.forEach((l, i) => expect(flat).toContain(`(${numerals[i]})${l.title}`));
  });

  it('every goal wording is a line of "一、工作目标"', () => {
    for (const g of example.goals) expect(flat).toContain(squash(g.wording));
  });

  it('every 附件2 row is in the document and the sub-units add up to the district', () => {
    for (const [name, ...values] of example.breakdown.rows) {
      expect(flat).toContain(squash(`${name}${values.join('')}`));
    }
    const [district, ...subUnits] = example.breakdown.rows;
    for (let c = 1; c <= 3; c++) {
      const sum = subUnits.reduce((acc, row) => acc + (row[c] as number), 0);
      expect(Math.round(sum * 1e4) / 1e4).toBe(district[c]);
    }
  });
});

describe('loading a plan file', () => {
  let db: Db;
  let cleanup: () => void;
  beforeEach(() => {
    const t = tempDbPath();
    cleanup = t.cleanup;
    db = openDb(t.dbPath).db;
  });
  afterEach(() => {
    db.close();
    cleanup();
  });

  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

  it('writes nothing when a task names an unknown unit, and says which task and what it could be', () => {
    const broken = structuredClone(example);
    broken.actionLines[3].tasks[1].responsible = '区科工局，各街道、镇、集聚区、区科工委';
    expect(() => loadPlanSeed(db, broken, 'broken.json')).toThrow(/第9项任务责任单位：未知单位“区科工委”，是否是“区科工局/);
    for (const table of ['units', 'unit_groups', 'plans', 'indicators', 'targets', 'action_lines', 'tasks', 'task_units']) {
      expect(count(table), table).toBe(0);
    }
  });

  it('writes nothing when the file does not have the plan format', () => {
    expect(() => loadPlanSeed(db, { plan: { title: 1 } }, 'x.json')).toThrow(/计划文件“x.json”格式不正确/);
    expect(count('units')).toBe(0);
  });

  it('writes nothing when a goal wording cannot be read', () => {
    const broken = structuredClone(example);
    broken.goals[4].wording = '技术合同成交额大幅提升';
    expect(() => loadPlanSeed(db, broken, 'goals.json')).toThrow(/第5个工作目标：无法识别目标表述“技术合同成交额大幅提升”/);
    expect(count('plans')).toBe(0);
  });

  it('reuses the unit tree for a second plan of the same district', () => {
    loadPlanSeed(db, example, 'a.json');
    const next = structuredClone(example);
    next.plan.title = '2023年青云谱区科技创新工作要点';
    next.plan.yearStart = next.plan.yearEnd = 2023;
    loadPlanSeed(db, next, 'b.json');
    expect(count('plans')).toBe(2);
    expect(count('units')).toBe(8 + 11);
    expect(count('unit_groups')).toBe(3);
  });
});
