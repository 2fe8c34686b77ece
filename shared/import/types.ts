/**
 * The import pipeline's shapes (pure): a file becomes sheets of text cells,
 * each sheet is recognised as a kind of table with a column mapping, and the
 * preview tells the user what will be written and every problem found.
 */

/** What a table holds: 附件1 tasks, 附件2 per-unit targets, or the plan's goal list. */
export type ImportKind = 'tasks' | 'targets' | 'goals';

export const IMPORT_KIND_LABEL: Record<ImportKind, string> = {
  tasks: '任务分解表（序号/工作内容/牵头单位/责任单位）',
  targets: '指导性任务分解表（各单位的指标目标）',
  goals: '工作目标（指标/目标值/计量单位）',
};


/**
 * How a target breakdown is laid out: one row per unit and one column per
 * indicator (003's 附件2), or the other way round — one row per indicator
 * ("科技型中小企业 | 家 | 140 | 21 …") and one column per unit.
 */
export type TargetOrientation = 'unitRows' | 'indicatorRows';

export const ORIENTATION_LABEL: Record<TargetOrientation, string> = {
  unitRows: '单位为行、指标为列',
  indicatorRows: '指标为行、单位为列',
};

/** Short names of the kinds, for sentences ("读作指标分解表"). */
export const KIND_SHORT: Record<ImportKind, string> = {
  tasks: '任务分解表',
  targets: '指标分解表',
  goals: '工作目标表',
};

/** "指标分解表（单位为行、指标为列）": a reading as the preview names it. */
export function readingLabel(kind: ImportKind, orientation?: TargetOrientation): string {
  return `${KIND_SHORT[kind]}${kind === 'targets' && orientation ? `（${ORIENTATION_LABEL[orientation]}）` : ''}`;
}

/** A rectangle of merged cells, 0-based and inclusive. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Where a sheet comes from when the file is a Word notice (通知.docx): one
 * of its tables (1-based among the document's tables; several when a table
 * continues after a page break as a new table), or the paragraphs of one
 * section of its body, one row per paragraph (row N is 第N段).
 */
export type SheetOrigin =
  /** `rowStarts[i]`: the sheet's 1-based row where table `tables[i]` starts (a continued table's rows follow the first's). */
  | { kind: 'table'; tables: number[]; rowStarts: number[]; annex: string | null; title: string | null }
  | { kind: 'paragraphs'; section: 'goals' | 'tasks'; heading: string | null };

/** One sheet as read: every cell as text (numbers written plainly, formulas as their cached value). */
export interface SheetGrid {
  name: string;
  rows: string[][];
  merges: MergeRange[];
  /** Set for the parts of a Word notice; absent for workbooks, csv and text. */
  origin?: SheetOrigin;
}

/** What a column means. 'value' is an indicator column of a target breakdown (header = indicator). */
export type ColumnRole =
  | 'seq'
  | 'content'
  | 'lead'
  | 'responsible'
  | 'deadline'
  | 'unit'
  | 'value'
  | 'indicator'
  | 'target'
  | 'measureUnit'
  | 'wording'
  | 'baseline'
  | 'ignore';

export const COLUMN_ROLE_LABEL: Record<ColumnRole, string> = {
  seq: '序号',
  content: '工作内容',
  lead: '牵头单位',
  responsible: '责任单位',
  deadline: '完成时限',
  unit: '单位名称',
  value: '指标（目标值）',
  indicator: '指标名称',
  target: '目标值',
  measureUnit: '计量单位',
  wording: '目标表述',
  baseline: '基数（上年完成）',
  ignore: '不导入',
};

/** The roles that make sense for each kind of table (for the mapping selectors). */
export const ROLES_OF_KIND: Record<ImportKind, ColumnRole[]> = {
  tasks: ['seq', 'content', 'lead', 'responsible', 'deadline', 'ignore'],
  targets: ['unit', 'value', 'ignore'],
  goals: ['seq', 'indicator', 'target', 'measureUnit', 'wording', 'baseline', 'ignore'],
};

/** Roles for the mapping selectors; an indicators-as-rows breakdown has a name column, a measure column and one column per unit. */
export function rolesOf(kind: ImportKind, orientation: TargetOrientation = 'unitRows'): ColumnRole[] {
  return kind === 'targets' && orientation === 'indicatorRows' ? ['indicator', 'measureUnit', 'value', 'ignore'] : ROLES_OF_KIND[kind];
}

/** A role's label; in an indicators-as-rows breakdown a 'value' column is one unit's figures. */
export function roleLabel(role: ColumnRole, orientation: TargetOrientation = 'unitRows'): string {
  return role === 'value' && orientation === 'indicatorRows' ? '单位（目标值）' : COLUMN_ROLE_LABEL[role];
}

export interface ImportProblem {
  level: 'error' | 'warning';
  /** Sheet name ('' for the file as a whole). */
  sheet: string;
  /** 1-based row in the sheet; 0 when the problem is not about one row. */
  row: number;
  /** Column letter as Excel shows it ("D"); '' when not about one column. */
  column: string;
  message: string;
}

/** Per sheet: what the user may change before committing. */
export interface SheetOptions {
  /** Leave this sheet out. */
  skip?: boolean;
  kind?: ImportKind;
  /** For a target breakdown: units as rows (the usual 附件2) or indicators as rows. */
  orientation?: TargetOrientation;
  /** 1-based row where the header starts (a second header row below it is found on its own). */
  headerRow?: number;
  /** Column index (0-based) → role. Columns not named keep the recognised role. */
  columns?: Record<string, ColumnRole>;
}

/** How the user settles an unknown unit name: it is an existing unit, or a new one to add. */
export type UnitFix = { unitId: number } | { add: 'street' | 'town' | 'zone' | 'department' };

/** What the user confirms (and may correct) to start a plan from the import when the database has none. */
export interface NewPlanRequest {
  title?: string;
  year?: number;
  /** The district's name; a new top unit unless the tree already has it. */
  unitName?: string;
}

/** The plan an import would start, as read from the file. */
export interface NewPlanProposal {
  title: string;
  year: number | null;
  /** From a Word notice's head: 文号, 发文机关 and 印发日期 (null when the file does not say). */
  docNumber?: string | null;
  issuer?: string | null;
  issuedOn?: string | null;
  /** An existing unit of the tree the plan belongs to, or null when it is to be created as unitName. */
  unitId: number | null;
  unitName: string | null;
}

export interface ImportOptions {
  sheets?: Record<string, SheetOptions>;
  /**
   * The reading the user chose for sheets the file leaves open (the CLI's
   * --kind): a sheet that can plausibly be read this way is read this way.
   * A sheet's own `kind` in `sheets` wins.
   */
  kind?: ImportKind;
  /**
   * 以本表为准: targets of the sheet's indicators that the file does not
   * mention are removed, and a task table that matches fewer than half of the
   * plan's tasks replaces the task table. Off by default: an import changes
   * only what its file contains.
   */
  replace?: boolean;
  /** Every diff item, not only the first DIFF_LIST_LIMIT of each list (the CLI's --json). */
  fullDiff?: boolean;
  /** Unknown unit name (as written, normalised) → fix. */
  unitFixes?: Record<string, UnitFix>;
  /** The database has no plan: start this one and import into it. */
  createPlan?: NewPlanRequest;
  /**
   * Tasks the table no longer has are deleted with their progress (任务进展).
   * Without this a removal of a task that has progress is an error, so
   * progress is never lost by a table that merely left a row out.
   */
  allowDeleteProgress?: boolean;
}

/** A task the import removes although it has progress entries. */
export interface ProgressLoss {
  seq: number;
  content: string;
  /** Progress rows (one per unit and period) that go with it. */
  entries: number;
}

export interface ColumnView {
  index: number;
  letter: string;
  header: string;
  role: ColumnRole;
}

export interface TaskPreview {
  row: number;
  seq: number;
  content: string;
  leadText: string;
  responsibleText: string;
  /** No lead column: the first responsible unit leads (排名第一责任单位为牵头单位). */
  leadFromFirst: boolean;
  deadline: string | null;
  leadNames: string[];
  responsibleNames: string[];
}

export interface ActionLinePreview {
  row: number;
  title: string;
  tasks: TaskPreview[];
}

export interface IndicatorPreview {
  /** Where the indicator's name stands: its header cell (units as rows) or its row's name cell (indicators as rows). */
  row: number;
  column: string;
  header: string;
  name: string;
  measureUnit: string;
  /** The plan's indicator it updates; null when it will be created. */
  existingId: number | null;
  existingName: string | null;
}

export interface TargetRowPreview {
  /** Where the unit's name stands: its row's unit cell (units as rows) or its header cell (indicators as rows). */
  row: number;
  column: string;
  unitText: string;
  unitName: string | null;
  values: (number | null)[];
}

export interface GoalPreview {
  row: number;
  name: string;
  measureUnit: string;
  wordingText: string | null;
  value: number | null;
  valueMax: number | null;
  baseline: number | null;
  existingId: number | null;
}

/** One way of reading a sheet, and why it fits (or does not). */
export interface SheetReading {
  kind: ImportKind;
  orientation?: TargetOrientation;
  /** In Chinese, for the preview: "A列是单位名称，其余3列是指标（带计量单位），表体全部是数字". */
  reason: string;
}

export interface SheetPreview {
  name: string;
  /** A Word notice's table or body section (rows of a body section are paragraphs: 第N段). */
  origin?: SheetOrigin;
  kind: ImportKind | null;
  /** Set for target breakdowns. */
  orientation?: TargetOrientation;
  /** Why the sheet is read as `kind` (null when nothing was recognised). */
  reason: string | null;
  /** Other readings that fit the sheet too (the user may switch to one); empty when none does. */
  alternatives: SheetReading[];
  /** Another reading fits about as well: the import waits until the user chooses (CLI: --kind). */
  ambiguous: boolean;
  /** The reading was chosen by the user (SheetOptions.kind or ImportOptions.kind), not by the file. */
  chosen: boolean;
  included: boolean;
  /** 1-based rows used as the header (two for two-row headers). */
  headerRows: number[];
  columns: ColumnView[];
  /** Why nothing was recognised, when kind is null. */
  note: string | null;
  actionLines?: ActionLinePreview[];
  indicators?: IndicatorPreview[];
  targetRows?: TargetRowPreview[];
  goals?: GoalPreview[];
}

export interface UnknownUnitView {
  /** The name as the table writes it, normalised (no spaces, half-width). */
  name: string;
  suggestions: string[];
  /** A kind guessed from the name, for 新增为单位. */
  guessedKind: 'street' | 'town' | 'zone' | 'department';
  /** Where it appears: "附件1 第5行" (the first 20). */
  places: string[];
  /** How many cells name it. */
  count: number;
  fix: UnitFix | null;
}

/** A name matched through an alias remembered from an earlier import (别名). */
export interface AliasUse {
  alias: string;
  unitId: number;
  unitName: string;
}

/** A task row paired with an existing task by position although its text differs (改写): its progress follows it. */
export interface TaskRewrite {
  /** The task's number in the file. */
  seq: number;
  /** The existing task's number. */
  oldSeq: number;
  before: string;
  after: string;
  /** Progress entries (任务进展) that stay with the task. */
  progress: number;
}

/** The file names another year than the plan's: it is not merged, a plan of that year is offered instead. */
export interface YearMismatch {
  fileYear: number;
  planYears: string;
  /** Where the year was read: "标题“2023年工作要点任务分解表”" or "文件名". */
  source: string;
}

/**
 * What 以本表为准 (options.replace) would remove or replace. Targets: the
 * existing targets of the file's indicators for units the file leaves out
 * (kept unless chosen). Tasks: the file matches fewer than half of the
 * plan's tasks by content, so it replaces the task table (refused unless chosen).
 */
export interface ReplaceChoice {
  /** Existing targets the file does not mention. */
  targetsNotInFile: number;
  /** Set when the task table would be replaced: how many of the file's tasks match existing ones by content. */
  tasks: null | { matched: number; total: number; existing: number };
  chosen: boolean;
}

export interface ImportCounts {
  actionLines: number;
  tasks: number;
  units: number;
  indicators: number;
  targets: number;
}

export interface DiffItem {
  what: 'plan' | 'actionLine' | 'task' | 'indicator' | 'target' | 'unit' | 'goal';
  label: string;
  before?: string;
  after?: string;
  /** The unit's name (targets). */
  unit?: string;
  /** The indicator's name (targets, indicators, goals). */
  indicator?: string;
  /** The task as "任务N（…）" (tasks). */
  task?: string;
  /** A target removed: how many figures (完成数) were entered against it and lose their target. */
  figures?: number;
  /** A task rewritten in place (改写): its progress entries follow it. */
  rewrite?: boolean;
}

/** The lists stop at DIFF_LIST_LIMIT items each (a 2,000-unit sheet adds 80,000 targets); totals count all. */
export interface ImportDiff {
  added: DiffItem[];
  changed: DiffItem[];
  removed: DiffItem[];
  totals: { added: number; changed: number; removed: number };
}

export const DIFF_LIST_LIMIT = 300;

export function emptyDiff(): ImportDiff {
  return { added: [], changed: [], removed: [], totals: { added: 0, changed: 0, removed: 0 } };
}

/** Records a diff item; the label is only built while the list is short (labels cost time on big sheets). */
export function noteDiff(diff: ImportDiff, kind: 'added' | 'changed' | 'removed', item: () => DiffItem, limit = DIFF_LIST_LIMIT): void {
  diff.totals[kind] += 1;
  if (diff[kind].length < limit) diff[kind].push(item());
}

/** What an import file is: 'docx' a Word notice, 'doc' a .doc/.wps notice converted to .docx by LibreOffice. */
export type ImportFormat = 'xlsx' | 'csv' | 'text' | 'docx' | 'doc';

/** The head of a Word notice: what its 红头, title and 版记 say about the plan. */
export interface NoticeHead {
  /** The plan's own title ("2022年青云谱区科技创新基础大提升工作要点"); null when none was found. */
  title: string | null;
  /** The paragraph (第N段) the title was read from; 0 when none. */
  titleParagraph: number;
  /** 文号: "青政办发〔2022〕16号". */
  docNumber: string | null;
  /** 发文机关: "青云谱区人民政府办公室". */
  issuer: string | null;
  /** 印发日期 (else 成文日期), ISO "2022-06-16". */
  issuedOn: string | null;
  /** The years the title names (a span for multi-year plans). */
  year: { from: number; to: number } | null;
}

export interface ImportPreview {
  ok: boolean;
  fileName: string;
  format: ImportFormat | null;
  /** Set for a Word notice: its title, 文号, issuer and date as read from its head. */
  notice?: NoticeHead;
  planId: number | null;
  planTitle: string | null;
  /** Kind of the first sheet that will be imported. */
  kind: ImportKind | null;
  sheets: SheetPreview[];
  unknownUnits: UnknownUnitView[];
  problems: ImportProblem[];
  counts: ImportCounts;
  diff: ImportDiff;
  /** Set when the database has no plan: the plan this import can start (options.createPlan confirms it). */
  newPlan?: NewPlanProposal & { confirmed: boolean };
  /** Tasks the import would delete together with their progress; empty when none. */
  progressLoss: ProgressLoss[];
  /** Tasks paired by position whose text changed (改写), with the progress that follows them. */
  rewrites: TaskRewrite[];
  /** Set when 以本表为准 would change what is written (see ReplaceChoice). */
  replace: ReplaceChoice | null;
  /** Set when the file names another year than the plan's. */
  yearMismatch: YearMismatch | null;
  /** Names matched through remembered aliases. */
  aliasesUsed: AliasUse[];
  /** Unknown names the user mapped to an existing unit: a commit remembers them as aliases. */
  aliasesToRemember: AliasUse[];
  /** The revision of the plan data this preview read (set by the core): 确认导入 sends it back as expectRevision. */
  revision?: string;
}

export interface ImportOutcome extends ImportPreview {
  committed: boolean;
  /** The copy taken just before a committed import: 撤销本次导入 restores it (backup.undo). */
  backup?: { id: string; createdAt: string } | null;
}

/** "A", "B", … "Z", "AA" for a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
