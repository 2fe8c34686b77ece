/**
 * From sheets to a preview and a write plan, against a snapshot of the plan's
 * data. The coordinator: it settles which plan the file goes into (a new one
 * when the database has none or the file is another year's and the user
 * chose so), recognises each sheet (./detect.ts), hands it to its reader
 * (./analyseTasks.ts, ./analyseTargets.ts, ./analyseGoals.ts), and collects
 * what stops a commit: ambiguous sheets, another year, locked targets,
 * unknown units. Pure: the core supplies the snapshot and writes the plan.
 *
 * A Word notice (./notice/sheets.ts) comes as several parts of one document:
 * its goal paragraphs (read first, so the breakdown's columns find the
 * indicators the goals create), its tables, and its task paragraphs (read
 * only when no table gave the tasks). Its head names the plan: the title,
 * 文号, issuer and date start a new plan or fill in what the plan lacks, and
 * the title's year is the whole document's.
 */
import { analyseGoalSheet } from './analyseGoals';
import { analyseTargetSheet } from './analyseTargets';
import { analyseTaskSheet } from './analyseTasks';
import { makeContext, type AnalysisContext } from './context';
import { detectSheet, readingLabel, type DetectedSheet } from './detect';
import { echo } from './echo';
import { checkLockedTargets } from './locks';
import { proposeNewPlan, settleNewPlan } from './newPlan';
import { placeTextFor, tableColumnWords } from './place';
import { makeResolver } from './resolver';
import { emptyDiff, type ImportKind, type ImportOptions, type ImportPreview, type SheetGrid, type SheetPreview } from './types';
import { otherYear, sheetYear, type FileYear } from './year';
import type { PlanSnapshot, SourceMeta, WritePlan } from './writePlan';

export type { NewUnitKind, PlanSnapshot, SourceMeta, WritePlan } from './writePlan';
export { guessUnitKind } from './resolver';
export { matchIndicator } from './indicators';

export interface Analysis {
  preview: ImportPreview;
  write: WritePlan | null;
}

/** A preview with nothing in it yet (also what a file that cannot be read answers, with its one problem). */
export function emptyPreview(fileName: string, format: ImportPreview['format'], planId: number | null, planTitle: string | null = null): ImportPreview {
  return {
    ok: false,
    fileName,
    format,
    planId,
    planTitle,
    kind: null,
    sheets: [],
    unknownUnits: [],
    problems: [],
    counts: { actionLines: 0, tasks: 0, units: 0, indicators: 0, targets: 0 },
    diff: emptyDiff(),
    progressLoss: [],
    rewrites: [],
    replace: null,
    yearMismatch: null,
    aliasesUsed: [],
    aliasesToRemember: [],
  };
}

export function analyseImport(sheets: SheetGrid[], snapshot: PlanSnapshot, options: ImportOptions, meta: SourceMeta): Analysis {
  const preview = emptyPreview(meta.fileName, meta.format, snapshot.plan?.id ?? null, snapshot.plan?.title ?? null);
  if (meta.notice) preview.notice = meta.notice;
  const started = startPlan(sheets, snapshot, options, meta, preview);
  snapshot = started.snapshot;
  const resolver = makeResolver(snapshot, options.unitFixes ?? {}, placeTextFor(sheets));
  const write: WritePlan = {
    planId: snapshot.plan!.id,
    createPlan: started.createPlan,
    newUnits: resolver.newUnits,
    tasks: null,
    indicators: [],
    targets: [],
    removeTargets: [],
    aliases: resolver.toRemember,
  };
  const ctx = makeContext(snapshot, options, resolver, write, preview);
  const { createPlan, what } = started;
  if (createPlan) {
    ctx.note('added', () => ({ what: 'plan', label: `工作要点${what}` }));
    if (createPlan.unitId === null) ctx.note('added', () => ({ what: 'unit', label: `单位“${createPlan.unitName}”（区县）` }));
  }

  const detected = sheets.map((grid) =>
    grid.origin?.kind === 'paragraphs' ? paragraphReading(grid) : detectSheet(grid, options.sheets?.[grid.name] ?? {}, { isUnitName: resolver.isUnitName, preferKind: options.kind }),
  );
  if (!createPlan) checkYear(ctx, sheets, detected, meta);
  else if (meta.notice) noticeMetaForNewPlan(ctx, meta);
  if (!createPlan && meta.notice) fillPlanMeta(ctx, meta.notice);
  readSheets(ctx, sheets, detected);
  preview.counts.indicators = ctx.counted.indicators.size;
  preview.counts.targets = ctx.counted.targets.size;
  preview.counts.units = ctx.counted.units.size;
  if (!preview.sheets.some((s) => s.included)) {
    // The sheet the note is about, so the problem says where even when read alone.
    const noted = preview.sheets.find((s) => s.note);
    preview.problems.push({ level: 'error', sheet: noted?.name ?? '', row: 0, column: '', message: noted?.note ?? '文件中没有可以导入的表。' });
  }
  checkLockedTargets(ctx);
  reportUnits(ctx);

  wordTableColumns(sheets, preview);

  // In reading order: by sheet, then by row (problems of a whole sheet first).
  const sheetOrder = new Map(sheets.map((g, i) => [g.name, i]));
  preview.problems.sort((a, b) => (sheetOrder.get(a.sheet) ?? -1) - (sheetOrder.get(b.sheet) ?? -1) || a.row - b.row);
  preview.ok = !preview.problems.some((p) => p.level === 'error');
  return { preview, write: preview.ok ? write : null };
}

/** A Word table has no column letters: its reasons and problems say "第2列" instead of "B列". */
function wordTableColumns(sheets: SheetGrid[], preview: ImportPreview): void {
  const tables = new Set(sheets.filter((g) => g.origin?.kind === 'table').map((g) => g.name));
  if (tables.size === 0) return;
  for (const view of preview.sheets) {
    if (!tables.has(view.name)) continue;
    if (view.reason) view.reason = tableColumnWords(view.reason);
    if (view.note) view.note = tableColumnWords(view.note);
    view.alternatives = view.alternatives.map((a) => ({ ...a, reason: tableColumnWords(a.reason) }));
  }
  for (const p of preview.problems) if (tables.has(p.sheet)) p.message = tableColumnWords(p.message);
}

/** A notice's body section: its paragraphs are goals or tasks, as its heading says ("一、工作目标", "二、重点工作"). */
function paragraphReading(grid: SheetGrid): DetectedSheet {
  const origin = grid.origin as Extract<NonNullable<SheetGrid['origin']>, { kind: 'paragraphs' }>;
  const heading = origin.heading ? `“${echo(origin.heading.replace(/\s+/g, ''), 30)}”下` : '';
  return {
    kind: origin.section,
    headerRows: [],
    dataStart: 0,
    columns: [{ index: 0, letter: 'A', header: '（正文）', role: 'content' }],
    listLayout: true,
    note: null,
    reason:
      origin.section === 'goals'
        ? `通知正文${heading}的各段，逐句读出指标和目标值（如“技术合同成交额突破7亿元”）`
        : `通知正文${heading}的各段任务：“（一）…”为行动，“1. …（责任单位：…）”为任务，排名第一的责任单位为牵头单位`,
    alternatives: [],
    ambiguous: false,
    chosen: false,
  };
}

/** Each sheet to its reader; one sheet of each kind; an ambiguous reading waits for the user. */
function readSheets(ctx: AnalysisContext, sheets: SheetGrid[], detected: DetectedSheet[]): void {
  const { options, preview, problems } = ctx;
  const usedKinds = new Set<ImportKind>();
  const taskSource = new Map<ImportKind, string>();
  sheets.forEach((grid, i) => {
    const d = detected[i];
    const view: SheetPreview = {
      ...(grid.origin ? { origin: grid.origin } : {}),
      name: grid.name,
      kind: d.kind,
      ...(d.orientation ? { orientation: d.orientation } : {}),
      reason: d.reason,
      alternatives: d.alternatives,
      ambiguous: d.ambiguous,
      chosen: d.chosen,
      included: false,
      headerRows: d.headerRows.map((r) => r + 1),
      columns: d.columns,
      note: d.note,
    };
    preview.sheets.push(view);
    if (options.sheets?.[grid.name]?.skip || !d.kind) return;
    if (usedKinds.has(d.kind) && grid.origin?.kind === 'paragraphs') {
      // A notice's task paragraphs repeat its 附件1 in prose: the table's rows (lead and responsible units by column) win.
      view.note = `任务按“${taskSource.get(d.kind)}”导入；正文中的任务段落与之重复，不再导入。`;
      return;
    }
    if (usedKinds.has(d.kind)) {
      view.note = '已有一张同类的表在前面导入，本表未导入。';
      problems.push({ level: 'warning', sheet: grid.name, row: 0, column: '', message: '与前面的工作表是同一类表，未导入；如需导入本表，请在预览中取消前一张表。' });
      return;
    }
    usedKinds.add(d.kind);
    taskSource.set(d.kind, grid.name);
    view.included = true;
    preview.kind ??= d.kind;
    if (d.ambiguous) {
      const others = d.alternatives.map((a) => readingLabel(a.kind, a.orientation)).join('或');
      problems.push({
        level: 'error',
        sheet: grid.name,
        row: (d.headerRows[0] ?? -1) + 1,
        column: '',
        message: `看不准这张表是什么表：可${d.reason}；也可读作${others}：${d.alternatives[0].reason}。请在预览中选择表格类型（命令行加 --kind tasks|targets|goals）。`,
      });
    }
    if (d.kind === 'tasks') analyseTaskSheet(ctx, grid, d, view, ctx.counted.units);
    else if (d.kind === 'targets') analyseTargetSheet(ctx, grid, d, view);
    else analyseGoalSheet(ctx, grid, d, view);
  });
}

/** A table of another year than the plan's is not merged into it: the preview offers that year's plan instead. */
function checkYear(ctx: AnalysisContext, sheets: SheetGrid[], detected: DetectedSheet[], meta: SourceMeta): void {
  const { plan, preview, options, snapshot } = ctx;
  // A notice is one document of one year: its title's (第N段 of the body).
  const noticeYear: FileYear | null =
    meta.notice?.year && meta.notice.title ? { ...meta.notice.year, source: `通知标题“${echo(meta.notice.title, 40)}”`, row: meta.notice.titleParagraph } : null;
  sheets.forEach((grid, i) => {
    const d = detected[i];
    if (!d.kind || options.sheets?.[grid.name]?.skip || preview.yearMismatch) return;
    const year = noticeYear ?? sheetYear(grid, d.headerRows[0] ?? 0, meta.fileName);
    if (!year || !otherYear(year, plan)) return;
    const fileYear = year.from === year.to ? `${year.from}年` : `${year.from}—${year.to}年`;
    const planYears = plan.yearStart === plan.yearEnd ? `${plan.yearStart}年` : `${plan.yearStart}—${plan.yearEnd}年`;
    preview.yearMismatch = { fileYear: year.from, planYears, source: year.source };
    const proposal = proposeNewPlan(sheets, meta.fileName, snapshot.units, meta.notice);
    preview.newPlan = { ...proposal, year: proposal.year ?? year.from, confirmed: false };
    preview.problems.push({
      level: 'error',
      sheet: noticeYear ? '' : grid.name,
      row: noticeYear ? 0 : year.row,
      column: year.row && !noticeYear ? 'A' : '',
      message: `本表是${fileYear}的（${year.source}），而“${echo(plan.title, 40)}”是${planYears}的工作要点，不能并入。可以用本文件新建${fileYear}的工作要点：请在预览中勾选“新建此工作要点并导入”（命令行加 --new-plan）。`,
    });
  });
}

/** Unknown names (an error each until mapped or added), aliases used and to remember, units to add. */
function reportUnits(ctx: AnalysisContext): void {
  const { resolver, preview } = ctx;
  for (const u of resolver.unknown.values()) {
    const hint = u.suggestions.length ? `是否是“${u.suggestions.join('”或“')}”？` : '';
    const first = resolver.firstPlace.get(u.name) ?? { sheet: '', row: 0, column: '' };
    preview.problems.push({
      level: 'error',
      ...first,
      message: `未知单位“${echo(u.name)}”（${u.places.slice(0, 3).join('、')}${u.count > 3 ? ` 等${u.count}处` : ''}）。${hint}请在“单位匹配”中选择对应的单位，或新增为单位。`,
    });
  }
  preview.unknownUnits = [...resolver.unknown.values()];
  preview.aliasesUsed = resolver.aliasesUsed();
  preview.aliasesToRemember = resolver.toRemember.map((a) => ({ ...a, unitName: resolver.nameOf(a.unitId) }));
  for (const u of resolver.newUnits) ctx.note('added', () => ({ what: 'unit', label: `单位“${u.name}”`, unit: u.name }));
}

/**
 * The plan the file goes into. With no plan in the database — or when the
 * user chose to start one (options.createPlan: the file is another year's) —
 * the file is analysed against the plan it would start, so the preview shows
 * everything; committing needs the user's yes.
 */
function startPlan(
  sheets: SheetGrid[],
  snapshot: PlanSnapshot,
  options: ImportOptions,
  meta: SourceMeta,
  preview: ImportPreview,
): { snapshot: PlanSnapshot; createPlan: WritePlan['createPlan']; what: string } {
  if (snapshot.plan && !options.createPlan) return { snapshot, createPlan: null, what: '' };
  const proposal = proposeNewPlan(sheets, meta.fileName, snapshot.units, meta.notice);
  const settled = settleNewPlan(proposal, options.createPlan ?? {}, snapshot.units);
  preview.newPlan = { ...proposal, confirmed: options.createPlan !== undefined };
  preview.planId = null;
  preview.planTitle = settled.plan.title;
  const what = `“${settled.plan.title}”（${settled.plan.yearStart || '年份未知'}${settled.plan.yearStart ? '年' : ''}，${settled.unitName || '单位未知'}）`;
  if (!options.createPlan) {
    preview.problems.push({
      level: 'error',
      sheet: '',
      row: 0,
      column: '',
      message: `数据库中还没有工作要点。可以用本文件新建工作要点${what}并导入：请在预览中确认“新建工作要点”（命令行加 --new-plan）。`,
    });
  } else if (settled.missing) {
    preview.problems.push({ level: 'error', sheet: '', row: 0, column: '', message: settled.missing });
  }
  // The new plan starts empty: nothing of another plan is matched, changed or removed.
  const fresh: PlanSnapshot = {
    ...snapshot,
    plan: settled.plan,
    units: settled.unit ? [...snapshot.units, settled.unit] : snapshot.units,
    indicators: [],
    targets: [],
    actionLines: [],
    tasks: [],
    progressByTask: new Map(),
    lockedPeriods: [],
    figuresByTarget: new Map(),
  };
  return {
    snapshot: fresh,
    createPlan: {
      title: settled.plan.title,
      year: settled.plan.yearStart,
      unitId: settled.unit ? null : settled.plan.unitId,
      unitName: settled.unitName,
      source: `导入：${meta.fileName}`,
      docNumber: proposal.docNumber ?? null,
      issuedOn: proposal.issuedOn ?? null,
      issuer: proposal.issuer ?? null,
    },
    what,
  };
}

/** A plan started from a notice carries its 文号, issuer and date: the preview says so. */
function noticeMetaForNewPlan(ctx: AnalysisContext, meta: SourceMeta): void {
  const p = ctx.write.createPlan;
  const parts = [p?.docNumber && `文号 ${p.docNumber}`, p?.issuer && `发文机关 ${p.issuer}`, p?.issuedOn && `印发日期 ${p.issuedOn}`].filter(Boolean);
  if (parts.length && meta.notice) ctx.note('added', () => ({ what: 'plan', label: `工作要点的${parts.join('、')}` }));
}

/** What the plan does not say yet (文号, issuer, date) is taken from the notice; what it says is never overwritten. */
function fillPlanMeta(ctx: AnalysisContext, notice: NonNullable<SourceMeta['notice']>): void {
  const { plan } = ctx;
  const fill: NonNullable<WritePlan['planMeta']> = {};
  const fields = [
    ['docNumber', '文号'],
    ['issuer', '发文机关'],
    ['issuedOn', '印发日期'],
  ] as const;
  for (const [field, label] of fields) {
    const value = notice[field];
    if (!value || plan[field]) continue;
    fill[field] = value;
    ctx.note('changed', () => ({ what: 'plan', label: `工作要点的${label}`, before: '（未填）', after: value }));
  }
  if (Object.keys(fill).length) ctx.write.planMeta = fill;
}
