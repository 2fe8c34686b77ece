/**
 * Recognising a sheet: where its header is (title rows such as "附件1", a
 * 填报单位 line and a merged title come first; a header may span two rows),
 * what kind of table it is, and what each column means.
 *
 * Every header row is tried as every kind it could head (./headerCandidates.ts);
 * each candidate is laid out and its body checked (./evidence.ts): a body of
 * numbers under indicator-like headers is a target breakdown, never a task
 * table, whatever its header words. The best reading wins; the others that
 * fit stay listed (the user may switch), and when one fits about as well the
 * sheet is ambiguous — the import waits for the user's choice. Everything
 * here can be overridden by the user's mapping (SheetOptions).
 */
import { categoryTitle, leadingSeq } from './cells';
import { headerCandidates, type Candidate, cellWithMerges, isNoteHeader, isNumeric } from './headerCandidates';
import { readingEvidence, type Evidence } from './evidence';
import { indicatorNameOfHeader, isTotalLabel, normaliseHeader, roleOfHeader } from './headers';
import { splitResponsibleList } from './unitLists';
import {
  columnLetter,
  readingLabel,
  rolesOf,
  type ColumnRole,
  type ColumnView,
  type ImportKind,
  type SheetGrid,
  type SheetOptions,
  type SheetReading,
  type TargetOrientation,
} from './types';

export { cellWithMerges, looksLikeUnitName } from './headerCandidates';
export { readingLabel } from './types';

export interface DetectedSheet {
  kind: ImportKind | null;
  /** Set for target breakdowns: units as rows, or indicators as rows and units as columns. */
  orientation?: TargetOrientation;
  /** 0-based header rows (empty for the list layout). */
  headerRows: number[];
  /** 0-based first data row. */
  dataStart: number;
  columns: ColumnView[];
  /** Paragraph layout (seed 000/002 text): one cell per row, "1.…〔责任单位:…〕". */
  listLayout: boolean;
  note: string | null;
  /** Why this reading (null when nothing was recognised). */
  reason: string | null;
  /** Other readings that fit. */
  alternatives: SheetReading[];
  /** Another reading fits about as well, and nobody chose. */
  ambiguous: boolean;
  /** The reading is the user's choice. */
  chosen: boolean;
}

/** What the caller knows that the sheet does not say: which words are unit names (the unit tree). */
export interface DetectHints {
  isUnitName?(text: string): boolean;
  /** The import's answer for sheets whose reading the file leaves open (ImportOptions.kind). */
  preferKind?: ImportKind;
}

const SCAN_ROWS = 25;
/** A reading fits when its body evidence is at least this good. */
const FITS = 0.5;
/** Another reading scoring at least this share of the best one makes the sheet ambiguous. */
const CLOSE = 0.75;

/** The list layout: paragraphs "1.…" with 〔责任单位:…〕, category lines "一、…". */
function detectList(grid: SheetGrid): boolean {
  let tasks = 0;
  for (const row of grid.rows) {
    const filled = row.filter((t) => t.trim());
    if (filled.length !== 1) continue;
    const lead = leadingSeq(filled[0]);
    if (lead && splitResponsibleList(lead.rest).responsible) tasks++;
  }
  return tasks >= 2;
}

interface Layout {
  headerRows: number[];
  dataStart: number;
  columns: ColumnView[];
}

/** The header rows, data start and column roles a candidate gives the sheet. */
function layoutOf(grid: SheetGrid, best: Candidate, kind: ImportKind, orientation: TargetOrientation | undefined, options: SheetOptions): Layout {
  const w = grid.rows.reduce((m, row) => Math.max(m, row.length), 0);
  const transposed = orientation === 'indicatorRows';
  const headerRows = [best.row];
  let dataStart = best.row + 1;
  const next = grid.rows[best.row + 1];
  if (best.twoRows && best.orientation === orientation) {
    headerRows.push(best.row + 1);
    dataStart = best.row + 2;
  } else if (next) {
    // A second header row: its unit/seq cell is empty (merged from above) and its other cells are words.
    const firstRoleCol = best.roles.findIndex((x) => x === 'unit' || x === 'seq' || x === 'indicator');
    const texts = next.map((t) => t.trim());
    const filled = texts.filter(Boolean);
    const spansAbove = grid.merges.some((m) => m.top === best.row && m.right > m.left);
    const keyEmpty = firstRoleCol >= 0 ? !texts[firstRoleCol] : false;
    const looksHeader =
      filled.length > 0 &&
      filled.every((t) => !isNumeric(t)) &&
      !filled.some((t) => categoryTitle(t) !== null) &&
      (kind === 'targets' || filled.every((t) => roleOfHeader(t, kind === 'goals' ? 'goals' : undefined) !== null));
    if (looksHeader && (keyEmpty || spansAbove)) {
      headerRows.push(best.row + 1);
      dataStart = best.row + 2;
    }
  }

  const columns: ColumnView[] = [];
  const taken = new Set<ColumnRole>();
  for (let c = 0; c < w; c++) {
    const parts = headerRows.map((r) => cellWithMerges(grid, r, c).trim()).filter(Boolean);
    const unique = parts.filter((p, i) => parts.indexOf(p) === i);
    const header = unique.join(' / ');
    const own = unique.length ? unique[unique.length - 1] : '';
    let role: ColumnRole = 'ignore';
    if (transposed) {
      const goalRoles = unique.map((p) => roleOfHeader(p, 'goals'));
      const ownCell = (grid.rows[headerRows[headerRows.length - 1]]?.[c] ?? '').trim();
      if (goalRoles.includes('indicator') && !taken.has('indicator')) role = 'indicator';
      else if (goalRoles.includes('measureUnit') && !taken.has('measureUnit')) role = 'measureUnit';
      else if (unique.some(isNoteHeader)) role = 'ignore';
      // A unit's column: its own name in the last header row (the row above may say "2022年目标任务").
      else if (ownCell) role = 'value';
    } else if (kind === 'targets') {
      if (c === best.unitColumn || (best.unitColumn === undefined && unique.some((p) => roleOfHeader(p) === 'unit'))) role = 'unit';
      else if (unique.some((p) => isNoteHeader(p))) role = 'ignore';
      // A 合计 column adds indicators of different measures: not an indicator.
      else if (isTotalLabel(own)) role = 'ignore';
      else if (header && indicatorNameOfHeader(own)) role = 'value';
      // Only the first unit column counts.
      if (role === 'unit' && taken.has('unit')) role = 'ignore';
    } else {
      // The most specific header word first: "责任单位 / 牵头单位" is the lead column.
      const hint = kind === 'goals' ? 'goals' : undefined;
      const found = [...unique].reverse().map((p) => roleOfHeader(p, hint)).find((r) => r && !taken.has(r)) ?? null;
      // A goal list read from a content header ("主要任务 | 年度目标"): the content column names the indicator.
      const mapped = kind === 'goals' && found === 'content' && !taken.has('indicator') ? 'indicator' : found;
      // Only roles this kind of table has ("年度目标" in a task table is not imported).
      role = mapped && rolesOf(kind).includes(mapped) ? mapped : 'ignore';
    }
    const chosen = options.columns?.[String(c)];
    if (chosen) role = chosen;
    if (role !== 'ignore' && role !== 'value') taken.add(role);
    if (header || chosen) columns.push({ index: c, letter: columnLetter(c), header, role });
  }
  // Indicators as rows, chosen by hand over a header without an 指标 column: the first column names them.
  if (transposed && !columns.some((x) => x.role === 'indicator')) {
    const first = columns.find((x) => !options.columns?.[String(x.index)]);
    if (first) first.role = 'indicator';
  }
  return { headerRows, dataStart, columns };
}

const readingKey = (kind: ImportKind, orientation?: TargetOrientation) => `${kind}:${orientation ?? ''}`;

interface Scored {
  candidate: Candidate;
  kind: ImportKind;
  orientation?: TargetOrientation;
  layout: Layout;
  evidence: Evidence;
  total: number;
}

const NOTHING_FOUND =
  '没有找到表头（如“序号/工作内容/牵头单位/责任单位”“单位/指标”或“指标/计量单位/各单位”）。请确认这是任务分解表或指标分解表；也可以在上方选择表格类型并填写表头所在行。';

/** Recognises a sheet; `options` (the user's mapping) wins over what is recognised. */
export function detectSheet(grid: SheetGrid, options: SheetOptions = {}, hints: DetectHints = {}): DetectedSheet {
  const isUnit = hints.isUnitName ?? ((t: string) => /(?:街道|镇|乡|区|县|局|委)$/.test(normaliseHeader(t)));
  const rows = options.headerRow ? [options.headerRow - 1] : Array.from({ length: Math.min(grid.rows.length, SCAN_ROWS) }, (_, r) => r);
  const scored = new Map<string, Scored>();
  for (const r of rows) {
    for (const candidate of headerCandidates(grid, r, isUnit)) {
      const kind = candidate.kind;
      const orientation = kind === 'targets' ? (candidate.orientation ?? 'unitRows') : undefined;
      const layout = layoutOf(grid, candidate, kind, orientation, options.kind === kind ? options : { ...options, columns: undefined });
      const evidence = readingEvidence(grid, kind, orientation, layout, isUnit);
      const total = candidate.score * evidence.fit;
      const key = readingKey(kind, orientation);
      const before = scored.get(key);
      if (!before || total > before.total || (total === before.total && candidate.score > before.candidate.score)) {
        scored.set(key, { candidate, kind, orientation, layout, evidence, total });
      }
    }
  }
  const all = [...scored.values()].sort((a, b) => b.total - a.total);
  const fitting = all.filter((s) => s.evidence.fit >= FITS && s.total > 0);

  // The user's choice: this sheet's kind (and orientation), else the import's answer when it fits this sheet.
  const sheetChoice = options.kind ? all.filter((s) => s.kind === options.kind && (!options.orientation || s.orientation === options.orientation)) : [];
  const importChoice = !options.kind && hints.preferKind ? fitting.filter((s) => s.kind === hints.preferKind) : [];
  const chosen = !!options.kind || importChoice.length > 0;
  let best: Scored | undefined = options.kind ? sheetChoice[0] : (importChoice[0] ?? fitting[0]);

  if (!best && options.kind) {
    // Chosen by hand where no header of that kind was found: the header row the user gave (or the one found
    // for another kind) read the chosen way; without any, the list layout for tasks below.
    const source = all[0]?.candidate;
    const row = options.headerRow ? options.headerRow - 1 : source?.row;
    if (row !== undefined) {
      const orientation = options.kind === 'targets' ? (options.orientation ?? 'unitRows') : undefined;
      const candidate: Candidate = { row, kind: options.kind, orientation, score: 0, roles: source?.row === row ? source.roles : [] };
      const layout = layoutOf(grid, candidate, options.kind, orientation, options);
      const evidence = readingEvidence(grid, options.kind, orientation, layout, isUnit);
      best = { candidate, kind: options.kind, orientation, layout, evidence, total: 0 };
    }
  }
  if (!best) {
    if (detectList(grid) || options.kind === 'tasks') {
      return {
        kind: options.kind ?? 'tasks',
        headerRows: [],
        dataStart: 0,
        columns: [{ index: 0, letter: 'A', header: '（正文）', role: 'content' }],
        listLayout: true,
        note: null,
        reason: options.kind ? '按您的选择读作任务分解表（逐段的任务正文）' : '逐段写的任务：“1.…〔责任单位：…〕”',
        alternatives: [],
        ambiguous: false,
        chosen: !!options.kind,
      };
    }
    // Header rows were found but their bodies do not fit: say why, so the user can choose.
    const rejected = all.filter((s) => s.candidate.score > 0).map((s) => `不像${readingLabel(s.kind, s.orientation)}：${s.evidence.reason}`);
    return {
      kind: null,
      headerRows: [],
      dataStart: 0,
      columns: [],
      listLayout: false,
      note: rejected.length ? `${NOTHING_FOUND}（${rejected.slice(0, 2).join('；')}）` : NOTHING_FOUND,
      reason: null,
      alternatives: [],
      ambiguous: false,
      chosen: false,
    };
  }

  const others = fitting.filter((s) => s !== best && readingKey(s.kind, s.orientation) !== readingKey(best!.kind, best!.orientation));
  const ambiguous = !chosen && others.some((s) => s.total >= CLOSE * best!.total);
  // Readings the header words suggested but the body ruled out: said, so a surprising choice explains itself.
  const ruledOut = all.filter((s) => s.evidence.fit < FITS && s.kind !== best!.kind && s.candidate.score >= 2);
  const why = [
    chosen ? `按您的选择读作${readingLabel(best.kind, best.orientation)}` : `读作${readingLabel(best.kind, best.orientation)}`,
    best.evidence.reason,
  ].join('：');
  const reason = ruledOut.length
    ? `${why}（表头也像${readingLabel(ruledOut[0].kind, ruledOut[0].orientation)}，但${ruledOut[0].evidence.reason}）`
    : why;
  return {
    kind: best.kind,
    orientation: best.orientation,
    ...best.layout,
    listLayout: false,
    note: null,
    reason,
    alternatives: others.map((s) => ({ kind: s.kind, orientation: s.orientation, reason: s.evidence.reason })),
    ambiguous,
    chosen,
  };
}
