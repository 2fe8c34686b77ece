/**
 * Text as users bring it (pure string work; decoding bytes is the core's job):
 * csv files, and tables pasted from the issued document. A pasted table is
 * tab-separated, but one logical row may wrap over several lines (a cell
 * broken inside, a row cut by a page break, the header repeated on the next
 * page). Text without tabs is read as the document's own paragraphs
 * ("1.…〔责任单位:…〕").
 */
import { categoryTitle, joinBrokenLines, leadingSeq } from './cells';
import { normaliseHeader, roleOfHeader } from './headers';
import type { SheetGrid } from './types';

/** RFC 4180 csv (quotes, "" escapes, line breaks inside quotes); the delimiter is guessed. */
export function parseCsv(text: string, name = 'CSV'): SheetGrid {
  const src = text.replace(/^\uFEFF/, '');
  const delimiter = guessDelimiter(src);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return { name, rows: rows.map((r) => r.map(joinBrokenLines)), merges: [] };
}

function guessDelimiter(text: string): string {
  const sample = text.slice(0, 4000).replace(/"[^"]*"/g, '');
  const count = (d: string) => sample.split(d).length - 1;
  const candidates = [',', '\t', ';', '，'];
  return candidates.reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

const ANNEX_LINE = /^\s*附\s*件\s*([0-9０-９一二三四五六七八九十]+)\s*[:：]?\s*$/;

/** Pasted text → one sheet per annex ("附件 1:", "附件 2:"), or one sheet. */
export function parsePastedText(text: string): SheetGrid[] {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const blocks: { name: string; lines: string[] }[] = [];
  let current: { name: string; lines: string[] } = { name: '粘贴的表格', lines: [] };
  for (const line of lines) {
    const annex = ANNEX_LINE.exec(line);
    if (annex) {
      if (current.lines.some((l) => l.trim())) blocks.push(current);
      current = { name: `附件${annex[1]}`, lines: [line.trim()] };
      continue;
    }
    current.lines.push(line);
  }
  if (current.lines.some((l) => l.trim())) blocks.push(current);
  const hasTabs = lines.some((l) => l.includes('\t'));
  const sheets = blocks.map((b) => (hasTabs ? tabbedSheet(b.name, b.lines) : paragraphSheet(b.name, b.lines)));
  // Names must be unique (two blocks before any 附件 line).
  const seen = new Map<string, number>();
  for (const s of sheets) {
    const n = (seen.get(s.name) ?? 0) + 1;
    seen.set(s.name, n);
    if (n > 1) s.name = `${s.name}（${n}）`;
  }
  return sheets.filter((s) => s.rows.length > 0);
}

function isHeaderCells(cells: string[]): boolean {
  return cells.filter((c) => c.trim()).length >= 2 && cells.some((c) => roleOfHeader(c) !== null);
}

function tabbedSheet(name: string, lines: string[]): SheetGrid {
  const rows: string[][] = [];
  let header: string[] | null = null;
  let width = 0;
  let open: string[] | null = null; // a data row still short of cells: its last cell wraps onto the next line
  let lastData: string[] | null = null;
  const headerKey = (cells: string[]) => cells.map(normaliseHeader).join('|');
  for (const raw of lines) {
    if (!raw.trim()) continue;
    const cells = raw.split('\t').map((c) => c.trim());
    if (!header) {
      if (raw.includes('\t') && isHeaderCells(cells)) {
        header = cells;
        width = cells.length;
        rows.push(cells);
      } else rows.push([raw.trim()]);
      continue;
    }
    if (headerKey(cells) === headerKey(header)) continue; // repeated on the next page
    if (open) {
      open[open.length - 1] += cells[0];
      open.push(...cells.slice(1));
      if (open.length >= width) open = null;
      continue;
    }
    // Starts with a tab: the cut-off cells of the row above ("\t\t\t聚区").
    if (cells[0] === '' && lastData && cells.length > 1) {
      cells.forEach((c, i) => {
        if (c) lastData![i] = (lastData![i] ?? '') + c;
      });
      continue;
    }
    const row = cells;
    rows.push(row);
    const isCategory = categoryTitle(cells[0]) !== null && cells.slice(1).every((c) => !c);
    if (isCategory) {
      lastData = null;
      continue;
    }
    lastData = row;
    if (row.length < width) open = row;
  }
  return { name, rows, merges: [] };
}

function paragraphSheet(name: string, lines: string[]): SheetGrid {
  const rows: string[][] = [];
  let para: string[] | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const starts = leadingSeq(line) !== null || categoryTitle(line) !== null;
    if (!starts && para && !/[〕】）)]\s*[。.]?$/.test(para[0])) {
      para[0] += line;
      continue;
    }
    para = [line];
    rows.push(para);
    if (!leadingSeq(line)) para = null; // only task paragraphs continue on the next line
  }
  return { name, rows, merges: [] };
}
