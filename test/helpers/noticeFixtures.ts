/**
 * Issued notices (通知) as Word files, built for the tests — nothing binary
 * is committed. The reference is seed 003 (青政办发〔2022〕16号): its head and
 * body paragraphs come from the document's own text
 * (seeds/documents/003_qingyunpu_2022.txt, including the paragraphs its page
 * breaks cut in two), its 附件1 and 附件2 from the seed's transcription
 * (seeds/qingyunpu-2022.json), laid out as a Word table would hold them:
 * category rows spanning the table, a lead unit merged down over the tasks
 * it leads, cells broken over lines where the issued column is narrow, the
 * header row marked to repeat on every page.
 *
 * Two writers, so the reader meets both dialects:
 *   - wordLikeDocx(): the `docx` package, as Word writes (w:gridSpan, w:vMerge
 *     restart/continue, w:tblHeader); 附件1 continued after a page break as a
 *     second table with its header repeated and the cut cell's rest in a row
 *     of its own — what a PDF converted to Word looks like;
 *   - libreOfficeDocx(): LibreOffice converting an HTML file with
 *     colspan/rowspan (soffice --convert-to docx), 附件1 as one table.
 * A .doc comes from LibreOffice saving the first (sofficeConvert(…, 'doc')).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AlignmentType, Document, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SOFFICE = '/usr/bin/soffice';

/** A cell: its lines (a cell broken over lines), and how far it spans. */
export interface CellModel {
  lines: string[];
  colSpan?: number;
  rowSpan?: number;
}

export type BlockModel =
  | { kind: 'p'; lines: string[]; centered?: boolean }
  | { kind: 'pageBreak' }
  /** `cells[r]` lists the cells that start in row r (a cell merged down from above is not listed again). */
  | { kind: 'table'; widths: number[]; headerRows: number; rows: CellModel[][] };

export interface NoticeModel {
  blocks: BlockModel[];
}

interface SeedTask {
  content: string;
  lead: string;
  responsible: string;
}
export interface Seed {
  plan: { title: string; docNumber: string; issuer: string; issuedOn: string };
  goals: { wording: string; name: string; measureUnit: string }[];
  actionLines: { title: string; tasks: SeedTask[] }[];
  breakdown: { unitHeader: string; columns: { header: string; indicator: string }[]; rows: (string | number)[][] };
}

export const seedPlan = (): Seed => JSON.parse(fs.readFileSync(path.join(ROOT, 'seeds/qingyunpu-2022.json'), 'utf8'));
const seedText = () => fs.readFileSync(path.join(ROOT, 'seeds/documents/003_qingyunpu_2022.txt'), 'utf8');

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * Breaks text into lines of about `width` characters, as a narrow column
 * does — never next to a space (it would be lost) nor between two Latin
 * letters or digits (joining puts a space there).
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    let cut = width;
    const bad = (i: number) => /\s/.test(rest[i - 1]) || /\s/.test(rest[i]) || (/[A-Za-z0-9]/.test(rest[i - 1]) && /[A-Za-z0-9]/.test(rest[i]));
    while (cut > 1 && bad(cut)) cut--;
    if (cut <= 1) break;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  lines.push(rest);
  return lines;
}

const p = (text: string, centered = false): BlockModel => ({ kind: 'p', lines: [text], centered });
/** A line the PDF text shows with spaces where the issued line broke: those become line breaks. */
const broken = (text: string, centered = true): BlockModel => ({ kind: 'p', lines: text.split(/\s+/).filter(Boolean), centered });

/** The notice's paragraphs before its annexes, from 003's text (one paragraph per line; blank lines ignored). */
function bodyParagraphs(): BlockModel[] {
  const text = seedText();
  const body = text.slice(0, text.indexOf('附件 1:'));
  const lines = body.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.map((line) => {
    if (/文件$|〔2022〕16号$/.test(line)) return p(line, true);
    if (/^青云谱区人民政府办公室 关于印发/.test(line) || /^2022年青云谱区科技创新基础大提升 工作要点$/.test(line)) return broken(line);
    if (line === '（此件主动公开）') return p(line);
    return p(line);
  });
}

type AnnexRow = { category: string } | (SeedTask & { seq: number });

function annex1Rows(): AnnexRow[] {
  const rows: AnnexRow[] = [];
  let seq = 0;
  seedPlan().actionLines.forEach((line, i) => {
    rows.push({ category: `(${CN[i]}) ${line.title}` });
    for (const t of line.tasks) rows.push({ ...t, seq: ++seq });
  });
  return rows;
}

const HEADER1 = ['序号', '工作内容', '牵头单位', '责任单位'];
const WIDTHS1 = [700, 4300, 1500, 2500];

/**
 * 附件1 rows as table cells, for the rows [from, to): the lead merged down
 * over consecutive tasks of one group that have the same lead; the 责任单位
 * cells broken every 6 characters as the issued column breaks them.
 */
function annex1Table(rows: AnnexRow[], from: number, to: number, cut?: { seq: number; keep: number }): CellModel[][] {
  const out: CellModel[][] = [HEADER1.map((h) => ({ lines: [h] }))];
  for (let i = from; i < to; i++) {
    const r = rows[i];
    if ('category' in r) {
      out.push([{ lines: [r.category], colSpan: 4 }]);
      continue;
    }
    const prev = rows[i - 1];
    const mergedFromAbove = i > from && prev && !('category' in prev) && prev.lead === r.lead;
    let span = 1;
    while (i + span < to && !('category' in rows[i + span]) && (rows[i + span] as SeedTask).lead === r.lead) span++;
    const responsible = cut && cut.seq === r.seq ? r.responsible.slice(0, cut.keep) : r.responsible;
    const cells: CellModel[] = [{ lines: [String(r.seq)] }, { lines: wrap(r.content, 22) }];
    if (!mergedFromAbove) cells.push({ lines: [r.lead], ...(span > 1 ? { rowSpan: span } : {}) });
    cells.push({ lines: wrap(responsible, 6) });
    out.push(cells);
  }
  return out;
}

function annex2Table(): CellModel[][] {
  const b = seedPlan().breakdown;
  // The issued headers broke "2022年高新技术企业数量（家）" after 高新技术, the unit name 新经济产业集聚区 after 产业.
  const header: CellModel[] = [{ lines: ['县', '区'] }, ...b.columns.map((c) => ({ lines: c.header.length > 10 ? [c.header.slice(0, 9), c.header.slice(9)] : [c.header] }))];
  const rows = b.rows.map((r) => r.map((v, i) => ({ lines: i === 0 && String(v).length > 6 ? [String(v).slice(0, 5), String(v).slice(5)] : [String(v)] })));
  return [header, ...rows];
}

/** The closing lines of 003 (its 版记). */
const closing = (): BlockModel[] => [p('青云谱区人民政府办公室'), p('2022年6月16日印发')];

/**
 * Seed 003 as issued. `split`: 附件1 continues after a page break as a second
 * table (the header repeated, task 8's 责任单位 cut, its rest "聚区" in a row
 * of its own); else one table whose header row repeats on every page.
 */
export function seedNotice(options: { split: boolean }): NoticeModel {
  const rows = annex1Rows();
  const blocks: BlockModel[] = [...bodyParagraphs(), { kind: 'pageBreak' }, p('附件 1:'), p('2022 年工作要点任务分解表', true)];
  if (options.split) {
    const eighth = rows.findIndex((r) => !('category' in r) && r.seq === 8);
    const keep = '区科工局、区税务局，各街道、镇、集'.length;
    blocks.push({ kind: 'table', widths: WIDTHS1, headerRows: 1, rows: annex1Table(rows, 0, eighth + 1, { seq: 8, keep }) });
    blocks.push({ kind: 'pageBreak' });
    const rest = annex1Table(rows, eighth + 1, rows.length);
    rest.splice(1, 0, [{ lines: [''] }, { lines: [''] }, { lines: [''] }, { lines: ['聚区'] }]);
    blocks.push({ kind: 'table', widths: WIDTHS1, headerRows: 1, rows: rest });
  } else {
    blocks.push({ kind: 'table', widths: WIDTHS1, headerRows: 1, rows: annex1Table(rows, 0, rows.length) });
  }
  blocks.push({ kind: 'pageBreak' }, p('附件 2:'), p('2022 年有关科技创新指导性任务分解表', true));
  blocks.push({ kind: 'table', widths: [2200, 2200, 2300, 2300], headerRows: 1, rows: annex2Table() });
  blocks.push(...closing());
  return { blocks };
}

/** The same notice without its annexes: tasks only in the paragraphs "1. …（责任单位：…）". */
export function seedNoticeWithoutAnnexes(): NoticeModel {
  const body = bodyParagraphs().filter((b) => !(b.kind === 'p' && /^附件：|^2\. 2022 年有关/.test(b.lines.join(''))));
  return { blocks: [...body, ...closing()] };
}

/**
 * A long notice for the bench (about 50 pages as LibreOffice lays it out):
 * seed 003's head and goals, then `lines` action lines of `perLine` task
 * paragraphs each, 附件1 listing every task (leads merged down, 责任单位
 * broken over lines), and 003's 附件2. Units are 003's departments and groups.
 */
export function longNotice(lines = 32, perLine = 10): NoticeModel {
  const DEPTS = ['区科工局', '区发改委', '区商务局', '区市场监管局', '区税务局', '区人社局', '区科协', '区住建局', '区统计局', '区金融办', '区委人才办'];
  const body = bodyParagraphs();
  const goalsEnd = body.findIndex((b) => b.kind === 'p' && b.lines.join('') === '二、重点工作');
  const blocks: BlockModel[] = [...body.slice(0, goalsEnd + 1)];
  const rows: AnnexRow[] = [];
  let seq = 0;
  for (let l = 0; l < lines; l++) {
    const title = `科技创新第${l + 1}项专项行动`;
    blocks.push(p(`（${l < 10 ? CN[l] : `${CN[Math.floor(l / 10) - 1] === '一' ? '' : CN[Math.floor(l / 10) - 1]}十${l % 10 ? CN[(l % 10) - 1] : ''}`}）${title}`));
    rows.push({ category: `(${l + 1}) ${title}` });
    for (let t = 0; t < perLine; t++) {
      seq++;
      const lead = DEPTS[(l + Math.floor(t / 3)) % DEPTS.length];
      const responsible = `${lead}、${DEPTS[(l + t + 1) % DEPTS.length]}，各街道、镇、集聚区`;
      const content = `推进第${seq}项重点工作，落实年度目标任务`;
      blocks.push(
        p(`${seq}. ${content}。加强部门联动，做好统计填报服务，积极开展政策宣传和培训工作，推动企业加大研发投入，提升创新能力和核心竞争力，确保各项工作落到实处。（责任单位：${responsible}）`),
      );
      rows.push({ seq, content, lead, responsible });
    }
  }
  blocks.push({ kind: 'pageBreak' }, p('附件 1:'), p('2022 年工作要点任务分解表', true));
  blocks.push({ kind: 'table', widths: WIDTHS1, headerRows: 1, rows: annex1Table(rows, 0, rows.length) });
  blocks.push({ kind: 'pageBreak' }, p('附件 2:'), p('2022 年有关科技创新指导性任务分解表', true));
  blocks.push({ kind: 'table', widths: [2200, 2200, 2300, 2300], headerRows: 1, rows: annex2Table() });
  blocks.push(...closing());
  return { blocks };
}

/** A seed document's text as a Word document, one paragraph per line (seed 000's and 002's plans). */
export function seedDocumentAsNotice(file: string): NoticeModel {
  const text = fs.readFileSync(path.join(ROOT, 'seeds/documents', file), 'utf8');
  return { blocks: text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => p(l)) };
}

// ---- the `docx` package (as Word writes) ----

function paragraphOf(lines: string[], centered?: boolean): Paragraph {
  return new Paragraph({
    alignment: centered ? AlignmentType.CENTER : undefined,
    children: lines.map((l, i) => new TextRun({ text: l, ...(i ? { break: 1 } : {}) })),
  });
}

export async function wordLikeDocx(model: NoticeModel): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (const b of model.blocks) {
    if (b.kind === 'p') children.push(paragraphOf(b.lines, b.centered));
    else if (b.kind === 'pageBreak') children.push(new Paragraph({ children: [new PageBreak()] }));
    else {
      const total = b.widths.reduce((a, w) => a + w, 0);
      children.push(
        new Table({
          width: { size: total, type: WidthType.DXA },
          columnWidths: b.widths,
          rows: b.rows.map(
            (cells, r) =>
              new TableRow({
                tableHeader: r < b.headerRows,
                children: cells.map(
                  (c) =>
                    new TableCell({
                      children: c.lines.map((l) => new Paragraph(l)),
                      ...(c.colSpan ? { columnSpan: c.colSpan } : {}),
                      ...(c.rowSpan ? { rowSpan: c.rowSpan } : {}),
                    }),
                ),
              }),
          ),
        }),
      );
      // Word ends every table with a paragraph after it (LibreOffice drops a table that ends the document).
      children.push(new Paragraph(''));
    }
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

// ---- LibreOffice from HTML ----

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function noticeHtml(model: NoticeModel): string {
  const parts: string[] = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知</title></head><body>'];
  for (const b of model.blocks) {
    if (b.kind === 'p') parts.push(`<p${b.centered ? ' align="center"' : ''}>${b.lines.map(esc).join('<br>')}</p>`);
    else if (b.kind === 'pageBreak') parts.push('<p style="page-break-before: always"></p>');
    else {
      parts.push('<table border="1" cellspacing="0" cellpadding="4">');
      b.rows.forEach((cells, r) => {
        if (r === 0 && b.headerRows) parts.push('<thead>');
        parts.push(
          `<tr>${cells
            .map((c) => `<td${c.colSpan ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan ? ` rowspan="${c.rowSpan}"` : ''}>${c.lines.map(esc).join('<br>')}</td>`)
            .join('')}</tr>`,
        );
        if (r === b.headerRows - 1) parts.push('</thead><tbody>');
      });
      parts.push('</tbody></table><p></p>');
    }
  }
  parts.push('</body></html>');
  return parts.join('\n');
}

/**
 * LibreOffice converts `input` to `format` (docx, doc, pdf) into `outDir`,
 * with a profile of its own; returns the output's path. Throws with what to
 * install when LibreOffice is missing (a test never skips).
 */
export function sofficeConvert(input: string, format: 'docx' | 'doc' | 'pdf', outDir: string): string {
  if (!fs.existsSync(SOFFICE)) throw new Error(`LibreOffice not found at ${SOFFICE}: apt-get install -y libreoffice-writer`);
  fs.mkdirSync(outDir, { recursive: true });
  const filter = { docx: 'docx:MS Word 2007 XML', doc: 'doc:MS Word 97', pdf: 'pdf' }[format];
  const profile = path.join(outDir, `.profile-${process.pid}-${Date.now()}`);
  try {
    execFileSync(SOFFICE, ['--headless', '--norestore', `-env:UserInstallation=file://${profile}`, '--convert-to', filter, '--outdir', outDir, input], {
      timeout: 120_000,
      stdio: 'pipe',
    });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const out = path.join(outDir, `${path.basename(input).replace(/\.[^.]+$/, '')}.${format}`);
  if (!fs.existsSync(out)) throw new Error(`LibreOffice did not write ${out}`);
  return out;
}

/** The notice converted from HTML by LibreOffice: rowspan/colspan become w:vMerge/w:gridSpan in its .docx. */
export function libreOfficeDocx(model: NoticeModel, dir: string, name = 'notice-lo'): Buffer {
  const html = path.join(dir, `${name}.html`);
  fs.writeFileSync(html, noticeHtml(model));
  return fs.readFileSync(sofficeConvert(html, 'docx', path.join(dir, 'lo-out')));
}

/** A .doc saved by LibreOffice from a .docx (what an old Word or WPS keeps). */
export function docFromDocx(docx: Buffer, dir: string, name = 'notice'): Buffer {
  const src = path.join(dir, `${name}.docx`);
  fs.writeFileSync(src, docx);
  return fs.readFileSync(sofficeConvert(src, 'doc', path.join(dir, 'doc-out')));
}
