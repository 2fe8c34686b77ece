/**
 * The exports on both engines (issue 22): the example plan with nine months
 * of generated 示例数据 figures and task progress (dashboardSample.ts
 * writeSampleMonthsOp), a 审核 state and a saved summary, in a SQLite file
 * and in a PostgreSQL store through the same Ops. Every export made from
 * both is the same: the Excel sheets (附件1, 附件2, 完成情况统计表, by unit
 * too) read back with exceljs cell by cell with their merges, and every part
 * of the package but its timestamps; the summary's editor view, save,
 * pre-fill and preview deep-equal; its PDF's text (pdftotext) and its Word
 * document's parts; the dashboard's PDF text and pages; the same refusals;
 * and `taizhang export … --db postgres://…` writes the same files.
 *
 * EXPORT_ENGINES_KEEP=folder keeps the files made from PostgreSQL there (to
 * render and look at them).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSummaryOp } from '../../electron/core/db/repos/summaries';
import type { ExcelExport } from '../../shared/api/methods/export';
import type { SummaryEditorView } from '../../shared/api/methods/summary';
import type { ProgressTable } from '../../shared/figures/progressTable';
import { writeSampleMonthsOp } from '../helpers/dashboardSample';
import { taizhang } from '../helpers/cli';
import { openEngine, stopEngines, type EngineStore } from '../helpers/engines';
import { sameRandomCodes, writeExampleWithSamples } from '../helpers/exampleStores';
import { pageTexts } from '../helpers/pdfText';
import { tempDir } from '../helpers/tempDb';

const AT = '2022-09-30T08:00:00.000Z';
const OPERATOR = { kind: 'command' as const, operator: '王区' };
let lite: EngineStore;
let pg: EngineStore;
let planId: number;
let unit: Record<string, number>;
const files = tempDir('taizhang-export-engines-');
const keep = process.env.EXPORT_ENGINES_KEEP;

/** What both stores get, through the same Ops; then the few rows no API writes on PostgreSQL yet, in plain SQL both accept. */
async function fill(s: EngineStore): Promise<number> {
  const planId = await writeExampleWithSamples(s, 9, AT);
  const street = async (name: string) => Number((await s.sql(`SELECT id FROM units WHERE name = '${name}'`))[0].id);
  const hongdu = await street('洪都街道');
  await s.sql(`INSERT INTO figure_reviews (plan_id, unit_id, period, state, reason, by_name, at) VALUES
    (${planId}, ${hongdu}, '2022-09', 'returned', '数据有误', '王区', '2022-10-07T01:00:00.000Z')`);
  await sameRandomCodes(s);
  return planId;
}

beforeAll(async () => {
  [lite, pg] = [await openEngine('sqlite'), await openEngine('postgres')];
  const ids = [await fill(lite), await fill(pg)];
  expect(ids[1]).toBe(ids[0]);
  planId = ids[0];
  unit = Object.fromEntries((await lite.sql('SELECT name, id FROM units')).map((r) => [r.name as string, Number(r.id)]));
  if (keep) fs.mkdirSync(keep, { recursive: true });
}, 180_000);

afterAll(async () => {
  await lite?.close();
  await pg?.close();
  await stopEngines();
  files.cleanup();
}, 60_000);

/**
 * What differs between any two runs, whatever the store: times of day (a save is stamped when made),
 * ECharts' process-wide counters in its SVG ids and classes ("zr7-c0", "zr15-cls-72": numbered here
 * in the order they appear), the Word watermark's random shape id.
 */
function steady(text: string): string {
  const ids = new Map<string, string>();
  return text
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
    .replace(/\bzr\d+-[\w-]*\d/g, (id) => {
      if (!ids.has(id)) ids.set(id, `zr-${ids.size}`);
      return ids.get(id)!;
    })
    .replace(/PowerPlusWaterMarkObject[\w-]+/g, 'PowerPlusWaterMarkObject');
}
const timeless = (v: unknown): unknown => JSON.parse(steady(JSON.stringify(v)));

async function call<T>(s: EngineStore, method: string, request: unknown): Promise<T> {
  const r = await s.core.call(method, request, OPERATOR);
  if (!r.ok) throw new Error(`${s.engine} ${method}: ${r.error.message}`);
  return r.value as T;
}

/** The same call on both engines: the answers must be deep-equal (times aside); the SQLite one is returned. */
async function same<T>(method: string, request: unknown): Promise<T> {
  const [a, b] = [await call<T>(lite, method, request), await call<T>(pg, method, request)];
  expect(timeless(b), `${method} ${JSON.stringify(request)}`).toEqual(timeless(a));
  return a;
}

let n = 0;
/** A file's bytes written into the test's folder (and, from PostgreSQL, into EXPORT_ENGINES_KEEP when set). */
function save(s: EngineStore, name: string, base64: string): string {
  const file = path.join(files.dir, `${++n}-${s.engine}-${name}`);
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  if (keep && s.engine === 'postgres') fs.copyFileSync(file, path.join(keep, name));
  return file;
}

/** Every part of a package (xlsx, docx) but its creation and modification times, as text. */
async function parts(file: string): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) {
    if (zip.files[name].dir) continue;
    const binary = /\.(png|jpe?g|emf)$/.test(name);
    const content = await zip.files[name].async(binary ? 'base64' : 'string');
    out[name] = binary ? content : steady(content);
  }
  return out;
}

/** A worksheet as exceljs reads it: every cell's value (row by row) and its merges. */
async function sheetOf(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      rows[r - 1] = Array.from({ length: ws.columnCount }, (_, c) => row.getCell(c + 1).value);
    });
    return { name: ws.name, rows, merges: [...(ws.model.merges ?? [])].sort(), printArea: ws.pageSetup.printArea ?? null };
  });
}

describe('export.excel on SQLite and PostgreSQL', () => {
  const sheets: [string, Record<string, unknown>][] = [
    ['附件1.xlsx', { sheet: 'annex1' }],
    ['附件1-科工局.xlsx', { sheet: 'annex1', unitName: '区科工局' }],
    ['附件2.xlsx', { sheet: 'annex2' }],
    ['附件2-洪都街道.xlsx', { sheet: 'annex2', unitName: '洪都街道' }],
    ['完成情况统计表-2022-09.xlsx', { sheet: 'progress', period: '2022-09' }],
    ['完成情况统计表-2022Q3.xlsx', { sheet: 'progress', period: '2022Q3' }],
    ['完成情况统计表-洪都街道-2022.xlsx', { sheet: 'progress', period: '2022', unitName: '洪都街道' }],
  ];

  for (const [name, spec] of sheets) {
    it(`${name}: the same cells, merges and package`, async () => {
      const { unitName, ...rest } = spec as { unitName?: string; sheet: string };
      const req = { planId, ...rest, ...(unitName ? { unitId: unit[unitName] } : {}) };
      const [a, b] = [await call<ExcelExport>(lite, 'export.excel', req), await call<ExcelExport>(pg, 'export.excel', req)];
      expect({ ...b, base64: '', byteLength: 0 }).toEqual({ ...a, base64: '', byteLength: 0 });
      const [fa, fb] = [save(lite, name, a.base64), save(pg, name, b.base64)];
      const [sa, sb] = [await sheetOf(fa), await sheetOf(fb)];
      expect(sb).toEqual(sa);
      expect(await parts(fb)).toEqual(await parts(fa));
      // Not two empty sheets that happen to agree.
      const cells = sa[0].rows.flat().filter((v) => v != null && v !== '');
      expect(cells.length).toBeGreaterThan(15);
      if (rest.sheet === 'progress') expect(JSON.stringify(sa[0].rows)).toContain('示例数据');
    });
  }

  it('figures.progress: the same table', async () => {
    const table = await same<ProgressTable>('figures.progress', { planId, period: '2022-09' });
    expect(table.rows.length).toBeGreaterThan(3);
    await same('figures.progress', { planId, period: '2022Q3', unitId: unit['洪都街道'] });
  });

  it('refuses the same way: no period for 完成情况, a unit that is not the plan’s, a plan that does not exist', async () => {
    for (const req of [
      { planId, sheet: 'progress' },
      { planId, sheet: 'annex2', unitId: unit['区科工局'] },
      { planId: 424_242, sheet: 'annex1' },
    ]) {
      const [a, b] = [await lite.core.call('export.excel', req), await pg.core.call('export.excel', req)];
      expect(a.ok).toBe(false);
      expect(b).toEqual(a);
    }
  });
});

describe('the summary on SQLite and PostgreSQL', () => {
  const sections = {
    highlights: [
      { level: 1, text: '科技创新基础持续夯实' },
      { level: 0, text: '全年新增科技型中小企业入库数量稳步增长（示例数据）。' },
    ],
    problems: [{ level: 0, text: '部分街道研发投入偏低。' }],
    nextYear: [],
  };

  it('summary.get before anything is saved: the same pre-filled view', async () => {
    const view = await same<SummaryEditorView>('summary.get', { planId, year: 2022 });
    expect(view.saved).toBe(false);
    expect(view.sections.highlights.length).toBeGreaterThan(0);
    await same('summary.get', { planId, unitId: unit['洪都街道'], period: '2022Q3' });
    await same('summary.prefill', { planId, year: 2022 });
    await same('summary.prefill', { planId, unitId: unit['洪都街道'], year: 2022 });
  });

  it('summary.save: the same stored summary, saved as the caller’s operator; a title-only save keeps the sections', async () => {
    const saved = await same<SummaryEditorView>('summary.save', { planId, year: 2022, title: '  青云谱区2022年科技创新工作总结  ', issuer: '', sections });
    expect(saved.saved).toBe(true);
    expect(saved.updatedBy).toBe('王区');
    expect(saved.title).toBe('青云谱区2022年科技创新工作总结');
    expect(saved.sections.highlights).toEqual(sections.highlights);
    const retitled = await same<SummaryEditorView>('summary.save', { planId, year: 2022, title: '2022年工作总结', datedOn: '2023-01-10' });
    expect(retitled.sections).toEqual(saved.sections);
    expect(retitled.datedOn).toBe('2023-01-10');
    // Only the title of a street's 上半年 one: its sections stay pre-filled.
    const street = await same<SummaryEditorView>('summary.save', { planId, unitId: unit['洪都街道'], period: '2022Q2', title: '洪都街道上半年总结' });
    expect(street.saved).toBe(false);
    const rows = async (s: EngineStore) =>
      (await s.sql('SELECT s.period, s.title, s.sections_saved, p.section, p.seq, p.level, p.text FROM summaries s LEFT JOIN summary_paragraphs p ON p.summary_id = s.id ORDER BY s.period, p.section, p.seq')).map(
        (r) => Object.values(r).map((v) => (typeof v === 'bigint' ? Number(v) : v)),
      );
    expect(await rows(pg)).toEqual(await rows(lite));
    expect((await rows(lite)).length).toBe(4);
  });

  it('a save that fails half-way changes nothing, on either engine (one write transaction)', async () => {
    const stored = async (s: EngineStore) => s.sql('SELECT s.id, s.title, s.sections_saved, p.section, p.seq, p.text FROM summaries s LEFT JOIN summary_paragraphs p ON p.summary_id = s.id ORDER BY s.id, p.section, p.seq');
    for (const s of [lite, pg]) {
      const was = await stored(s);
      // The last paragraph breaks the table's CHECK (level 0-4) after the summary row was updated and its paragraphs deleted.
      const broken = { ...sections, nextYear: [{ level: 9, text: '越界的层级' }] } as never;
      await expect(
        s.store.write(saveSummaryOp({ planId, unitId: unit['青云谱区'], period: '2022', title: '不该留下的标题', issuer: null, datedOn: null, sections: broken, by: '王区' })),
        s.engine,
      ).rejects.toThrow();
      expect(await stored(s), s.engine).toEqual(was);
    }
  });

  it('summary.preview: the same document and charts', async () => {
    const year = await same<{ document: { blocks: unknown[] }; charts: string[] }>('summary.preview', { planId, year: 2022, today: '2023-01-10' });
    expect(year.document.blocks.length).toBeGreaterThan(10);
    // 前三季度, with figures to rate: its charts too.
    const q3 = await same<{ charts: string[] }>('summary.preview', { planId, period: '2022Q3', today: '2022-10-10' });
    expect(q3.charts.length).toBeGreaterThan(0);
    await same('summary.preview', { planId, unitId: unit['洪都街道'], period: '2022Q3', today: '2022-10-10', draft: '草稿' });
  });

  it('summary.pdf: the same text on the same pages', async () => {
    for (const req of [
      { planId, year: 2022, today: '2023-01-10' },
      { planId, unitId: unit['洪都街道'], period: '2022Q3', today: '2022-10-10', draft: '征求意见稿' },
    ]) {
      const [a, b] = [await call<{ base64: string; pages: number }>(lite, 'summary.pdf', req), await call<{ base64: string; pages: number }>(pg, 'summary.pdf', req)];
      expect({ ...b, base64: '', byteLength: 0 }).toEqual({ ...a, base64: '', byteLength: 0 });
      const name = req.unitId ? '洪都街道前三季度总结.pdf' : '年度工作总结.pdf';
      const [ta, tb] = [pageTexts(save(lite, name, a.base64)), pageTexts(save(pg, name, b.base64))];
      expect(tb).toEqual(ta);
      expect(ta.length).toBe(a.pages);
      expect(ta.join('')).toContain(req.unitId ? '洪都街道' : '科技创新基础持续夯实');
    }
    // Four PDFs rendered and read back (pdftotext): past the 20 s default on a loaded machine.
  }, 90_000);

  it('summary.docx: the same Word document, part by part', async () => {
    const req = { planId, year: 2022, today: '2023-01-10' };
    const [a, b] = [await call<{ base64: string }>(lite, 'summary.docx', req), await call<{ base64: string }>(pg, 'summary.docx', req)];
    expect({ ...b, base64: '', byteLength: 0 }).toEqual({ ...a, base64: '', byteLength: 0 });
    const [pa, pb] = [await parts(save(lite, '年度工作总结.docx', a.base64)), await parts(save(pg, '年度工作总结.docx', b.base64))];
    expect(pb).toEqual(pa);
    const text = pa['word/document.xml'].replace(/<[^>]+>/g, '');
    expect(text).toContain('科技创新基础持续夯实');
    expect(text).toContain('部分街道研发投入偏低');
  });

  it('refuses the same way: a unit that is not the plan’s, a year outside it', async () => {
    for (const [method, req] of [
      ['summary.get', { planId, unitId: unit['区科工局'] }],
      ['summary.save', { planId, year: 2030, title: 'x' }],
      ['summary.pdf', { planId: 424_242 }],
    ] as const) {
      const [a, b] = [await lite.core.call(method, req, OPERATOR), await pg.core.call(method, req, OPERATOR)];
      expect(a.ok).toBe(false);
      expect(b).toEqual(a);
    }
  });
});

describe('dashboard.pdf and dashboard.pages on SQLite and PostgreSQL', () => {
  it('the same pages, and the same PDF text', async () => {
    const req = { planId, period: '2022-09', today: '2022-10-08' };
    const pages = await same<{ pages: string[] }>('dashboard.pages', req);
    expect(pages.pages.length).toBeGreaterThan(0);
    const [a, b] = [await call<{ base64: string; pages: number }>(lite, 'dashboard.pdf', req), await call<{ base64: string; pages: number }>(pg, 'dashboard.pdf', req)];
    expect({ ...b, base64: '', byteLength: 0 }).toEqual({ ...a, base64: '', byteLength: 0 });
    const [ta, tb] = [pageTexts(save(lite, '态势总览.pdf', a.base64)), pageTexts(save(pg, '态势总览.pdf', b.base64))];
    expect(tb).toEqual(ta);
    expect(ta.join('')).toContain('洪都街道');
  });
});

describe('taizhang export on a postgres:// URL', () => {
  const exportTo = async (s: EngineStore, name: string, ...args: string[]) => {
    const out = path.join(files.dir, `cli-${s.engine}-${name}`);
    const run = await taizhang(['export', ...args, '--db', s.db, '--out', out, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.file).toBe(out);
    return { out, json };
  };

  it('writes the same 完成情况统计表, summary PDF and Word document as from the SQLite file', async () => {
    const excel = ['excel', '--sheet', 'progress', '--period', '2022-09', '--unit', '洪都街道'];
    const [xa, xb] = [await exportTo(lite, 'progress.xlsx', ...excel), await exportTo(pg, 'progress.xlsx', ...excel)];
    expect(await sheetOf(xb.out)).toEqual(await sheetOf(xa.out));

    const pdf = ['pdf', '--summary', '--year', '2022', '--date', '2023-01-10'];
    const [pa, pb] = [await exportTo(lite, 'summary.pdf', ...pdf), await exportTo(pg, 'summary.pdf', ...pdf)];
    expect({ ...pb.json, file: '', bytes: 0, ms: 0 }).toEqual({ ...pa.json, file: '', bytes: 0, ms: 0 });
    expect(pageTexts(pb.out)).toEqual(pageTexts(pa.out));

    const word = ['word', '--summary', '--year', '2022', '--unit', '洪都街道', '--date', '2023-01-10'];
    const [wa, wb] = [await exportTo(lite, 'summary.docx', ...word), await exportTo(pg, 'summary.docx', ...word)];
    expect(await parts(wb.out)).toEqual(await parts(wa.out));
  });
});
