/**
 * `taizhang exchange export|import`: fill-in workbooks and data packages for
 * sub-units, and their returns.
 *
 *   exchange export --unit NAME|all [--unit NAME …] --period P --format xlsx|package --out DIR [--plan ID] [--json]
 *   exchange export --unit NAME|all --format package --out DIR        (no --period: 下达, the plan package for the year)
 *   exchange export --to-parent --period P [--format package|xlsx] --out DIR   (上报 to the level that issued the plan)
 *   exchange import FILE… [--operator NAME] [--plan ID] [--dry-run] [--adopt] [--json]
 *
 * A .tzpkg that is a package from above (not a return) is received: a city's as 上级下达 into this
 * unit's plan (exit 0 unless refused; differing targets listed and kept unless --adopt), a
 * district's opened as a plan.
 *
 * import reviews every file; when none is refused it takes the changes that
 * are not conflicts in one transaction (conflicts — cells the district changed
 * after the file left — are listed and never taken here: choose them in the
 * window). Exit 0 when taken (with --dry-run: when it would be), 1 when a file
 * is refused or has errors (then nothing is written), 2 on wrong usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { IMPORT_MAX_BYTES, tooLargeMessage } from '../../shared/import/limits';
import { defaultAccepted, type ReturnReview } from '../../shared/exchange/review';
import { EXCHANGE_KIND_LABEL } from '../../shared/exchange/review';
import { PROGRESS_STATUS_LABEL } from '../../shared/model/task';
import { closestNames, normaliseUnitName } from '../../shared/units/normalise';
import { isPeriodKey, parsePeriod } from '../../shared/periods';
import { optionText as str, UsageError, writeWhole } from './output';
import { planIdOf } from './lookup';
import { callOrThrow, type CliCommand, type CliContext } from './command';
import { ISSUE_ITEM_LABEL, type IssueItem, type IssueReceipt } from '../../shared/exchange/issue';
import { formatNumber } from '../../shared/numbers';

const USAGE = [
  'taizhang exchange export --unit 单位|all [--unit 单位 …] --period 报告期 --format xlsx|package --out 文件夹 [--plan 计划编号] [--json]',
  'taizhang exchange export --unit 单位|all --format package --out 文件夹            （不加 --period：下达本年度计划数据包）',
  'taizhang exchange export --to-parent --period 报告期 [--format package|xlsx] --out 文件夹   （向下达计划的上级上报）',
  'taizhang exchange import 文件… [--operator 姓名] [--plan 计划编号] [--dry-run] [--adopt] [--json]',
].join('\n');

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

/** The sub-units named (or all of them), in the tree's order. */
async function resolveUnits(ctx: CliContext, planId: number, names: string[]): Promise<{ id: number; name: string }[]> {
  if (names.length === 0) throw new UsageError('请用 --unit 指定下级单位（可重复），或 --unit all 表示全部下级单位。');
  const subs = (await callOrThrow(ctx.core, 'plan.units', { planId })).units.filter((u) => u.role === 'sub');
  if (names.some((n) => n === 'all' || n === '全部')) return subs;
  return names.map((name) => {
    const unit = subs.find((u) => normaliseUnitName(u.name) === normaliseUnitName(name));
    if (unit) return unit;
    const near = closestNames(name, subs.map((u) => u.name));
    throw new UsageError(`“${name}”不是本工作要点的下级单位。${near.length ? `是否指：${near.join('、')}？` : `可用：${subs.map((u) => u.name).join('、')}。`}`);
  });
}

function writeFiles(out: string, files: { fileName: string; base64: string; unitName: string; byteLength: number }[]) {
  return files.map((f) => {
    const file = path.resolve(out, f.fileName);
    writeWhole(file, Buffer.from(f.base64, 'base64')); // a failure is said by the CLI's one failure path (failure.ts)
    return { unit: f.unitName, file, bytes: f.byteLength };
  });
}

/** 下达: one plan package per sub-unit, for the plan's year. */
async function runIssue(ctx: CliContext, out: string): Promise<number> {
  const o = ctx.options ?? {};
  const planId = await planIdOf(ctx, str(o.plan));
  const units = await resolveUnits(ctx, planId, list(o.unit));
  const { files } = await callOrThrow(ctx.core, 'exchange.issue', { planId, unitIds: units.map((u) => u.id) });
  const written = writeFiles(out, files);
  if (ctx.json) ctx.io.out(JSON.stringify({ ok: true, kind: 'issue', period: null, format: 'package', files: written }));
  else ctx.io.out(written.map((w) => `${w.unit}：${w.file}`).join('\n') + `\n共导出 ${written.length} 个下达数据包。下级单位用“taizhang exchange import 文件”或在窗口“数据交换 → 上级下达”中接收。`);
  return 0;
}

/** 上报: this plan's totals and progress for the level that issued it. */
async function runToParent(ctx: CliContext, out: string): Promise<number> {
  const o = ctx.options ?? {};
  const period = str(o.period);
  const format = str(o.format) ?? 'package';
  if (!period) throw new UsageError('请用 --period 指定上报的报告期，例如 --period 2022-12。');
  if (!isPeriodKey(period)) throw new UsageError((parsePeriod(period) as { error: string }).error);
  if (format !== 'xlsx' && format !== 'package') throw new UsageError(`--format 应为 package（数据包，默认）或 xlsx（填报表），而不是“${format}”。`);
  if (list(o.unit).length > 0) throw new UsageError('--to-parent 上报的是本单位的数据，不能同时用 --unit。');
  const planId = await planIdOf(ctx, str(o.plan));
  if (!(await callOrThrow(ctx.core, 'operator.get', {})).name) {
    throw new UsageError('尚未设置操作员姓名：请加 --operator 姓名，上报文件会写明由谁上报。');
  }
  const f = await callOrThrow(ctx.core, 'exchange.exportToParent', { planId, period, format });
  const written = writeFiles(out, [f]);
  if (ctx.json) {
    ctx.io.out(JSON.stringify({ ok: true, kind: 'toParent', period, format, upper: f.upperUnitName, figures: f.figures, progress: f.progress, files: written }));
  } else {
    ctx.io.out(`${f.unitName}：${written[0].file}\n已导出上报${format === 'xlsx' ? '填报表' : '数据包'}：${f.figures} 个指标数、${f.progress} 条任务进展，请发给${f.upperUnitName}。`);
  }
  return 0;
}

async function runExport(ctx: CliContext): Promise<number> {
  const o = ctx.options ?? {};
  const period = str(o.period);
  const format = str(o.format) ?? 'xlsx';
  const out = str(o.out);
  if (o['to-parent'] === true) {
    if (!out) throw new UsageError('请用 --out 指定存放文件的文件夹。');
    return runToParent(ctx, out);
  }
  if (!period && format === 'package') {
    if (!out) throw new UsageError('请用 --out 指定存放文件的文件夹。');
    return runIssue(ctx, out);
  }
  if (!period) throw new UsageError('请用 --period 指定报告期，例如 --period 2022-12（下达本年度计划数据包时用 --format package，不加 --period）。');
  if (!isPeriodKey(period)) throw new UsageError((parsePeriod(period) as { error: string }).error);
  if (format !== 'xlsx' && format !== 'package') throw new UsageError(`--format 应为 xlsx（填报表）或 package（数据包），而不是“${format}”。`);
  if (!out) throw new UsageError('请用 --out 指定存放文件的文件夹。');
  const planId = await planIdOf(ctx, str(o.plan));
  const units = await resolveUnits(ctx, planId, list(o.unit));
  const { files } = await callOrThrow(ctx.core, 'exchange.export', { planId, period, unitIds: units.map((u) => u.id), format });
  const written = writeFiles(out, files);
  if (ctx.json) ctx.io.out(JSON.stringify({ ok: true, period, format, files: written }));
  else ctx.io.out(written.map((w) => `${w.unit}：${w.file}`).join('\n') + `\n共导出 ${written.length} 个${format === 'xlsx' ? '填报表' : '数据包'}。`);
  return 0;
}

const num = (v: number | null) => (v === null ? '空' : String(v));

function fileJson(r: ReturnReview, applied: number) {
  const clean = r.figures.filter((c) => !c.conflict);
  return {
    file: r.fileName,
    kind: r.kind,
    unit: r.unitName,
    period: r.period,
    refusal: r.refusal,
    changes: clean.map((c) => ({
      indicator: c.indicatorName,
      period: c.period,
      kind: c.kind,
      old: c.current,
      new: c.value,
      note: c.note,
      warning: c.warning,
      blocked: c.blocked,
    })),
    progress: r.progress.map((p) => ({ task: p.taskSeq, old: p.current, new: p.value, conflict: p.conflict })),
    conflicts: r.figures.filter((c) => c.conflict).map((c) => ({ indicator: c.indicatorName, period: c.period, base: c.base, current: c.current, value: c.value })),
    problems: r.problems,
    applied,
  };
}

/** A received package in the shape of the other files (`changes`, `conflicts` …) plus what only it has. */
function receiptJson(r: IssueReceipt) {
  const year = r.year === null ? null : String(r.year);
  return {
    file: r.fileName,
    kind: r.mode === 'package' ? 'package' : 'issue',
    unit: r.unitName,
    period: year,
    refusal: r.refusal,
    changes: r.items
      .filter((i) => i.taken)
      .map((i) => ({ indicator: i.name, period: year, kind: i.local === null ? 'new' : 'changed', old: i.local, new: i.issued, note: ISSUE_ITEM_LABEL[i.kind], warning: null, blocked: null })),
    progress: r.tasks.filter((t) => t.change !== 'same').map((t) => ({ task: t.seq, change: t.change, content: t.content, taken: t.taken })),
    // Differences the receiver did not take: the district's own target stays (take them with --adopt or in the window).
    conflicts: r.items
      .filter((i) => (i.kind === 'different' && !i.taken) || i.kind === 'removed')
      .map((i) => ({ indicator: i.name, period: year, base: i.previousIssued, current: i.local, value: i.issued })),
    problems: [],
    applied: r.committed ? r.items.filter((i) => i.taken).length + r.tasks.filter((t) => t.taken).length : 0,
    upper: r.upperUnitName,
    upperPlan: r.upperPlanTitle,
    plan: r.planId === null ? null : { id: r.planId, title: r.planTitle, created: r.created },
    version: r.version,
    previousVersion: r.previousVersion,
    alreadyReceived: r.alreadyReceived,
    sampleTargets: r.sampleTargets,
    items: r.items.map((i) => ({
      indicator: i.name,
      code: i.code,
      measureUnit: i.measureUnit,
      issued: i.issued,
      previousIssued: i.previousIssued,
      local: i.local,
      linkedTo: i.linkedName,
      linkedBy: i.linkedBy,
      kind: i.kind,
      taken: i.taken,
    })),
  };
}

function describeReceipt(r: IssueReceipt): string[] {
  const head = `文件：${r.fileName}（${r.mode === 'package' ? '数据包' : '上级下达'}）${r.unitName ? ` — ${r.upperUnitName ?? ''}下达给${r.unitName}` : ''}`;
  if (r.refusal) return [head, `  拒绝：${r.refusal}`];
  if (r.mode === 'package') return [head, `  ${r.committed ? '已打开为工作要点' : r.alreadyReceived ? '已打开过' : '将打开为工作要点'}：${r.planTitle}`];
  if (r.alreadyReceived) return [head, `  已接收过（第${r.version}版），无需重复接收。`];
  const unit = (i: IssueItem) => i.measureUnit;
  return [
    head,
    `  ${r.created ? '新建' : '承接到'}：${r.planTitle}（第${r.version}版${r.previousVersion ? `，上一版第${r.previousVersion}版` : ''}）${r.sampleTargets ? '（下达目标为示例数据）' : ''}`,
    ...r.items.map((i) => {
      const issued = i.issued === null ? '—' : `${formatNumber(i.issued)}${unit(i)}`;
      const was = i.previousIssued !== null && i.issued !== i.previousIssued ? `（上一版 ${formatNumber(i.previousIssued)}）` : '';
      const local = i.local === null ? '' : `，本级目标 ${formatNumber(i.local)}${unit(i)}`;
      const what = i.kind === 'different' ? (i.taken ? '采用下达值' : '保留本级目标（加 --adopt 采用下达值）') : ISSUE_ITEM_LABEL[i.kind];
      return `  ${i.name}：下达 ${issued}${was}${local} — ${what}${i.linkedBy === 'name' || i.linkedBy === 'code' ? `（对应本级“${i.linkedName}”）` : ''}`;
    }),
    ...r.tasks.filter((t) => t.change !== 'same').map((t) => `  任务${t.seq}（${t.change === 'added' ? '新增' : t.change === 'changed' ? (t.taken ? '修改' : '有修改，未采用') : '本版不再下达'}）：${t.content}`),
  ];
}

function describe(r: ReturnReview): string[] {
  const head = `文件：${r.fileName}${r.kind ? `（${EXCHANGE_KIND_LABEL[r.kind]}）` : ''}${r.unitName ? ` — ${r.unitName} ${r.periodLabel}` : ''}`;
  if (r.refusal) return [head, `  拒绝：${r.refusal}`];
  return [
    head,
    ...r.figures.map(
      (c) =>
        `  ${c.conflict ? '冲突（未导入）' : c.kind === 'new' ? '新增' : '修改'}：${c.indicatorName}（${c.periodLabel}）${c.conflict ? `下发时 ${num(c.base)}，区里现为 ${num(c.current)}，回报 ${c.value}` : `${num(c.current)} → ${c.value}`}${c.blocked ? `（不能导入：${c.blocked}）` : ''}${c.warning ? `（提醒：${c.warning}）` : ''}`,
    ),
    ...r.progress.map(
      (p) => `  ${p.conflict ? '进展冲突（未导入）' : '任务进展'}：任务${p.taskSeq} ${PROGRESS_STATUS_LABEL[p.value.status]} ${p.value.text}`,
    ),
    ...r.problems.map((p) => `  ${p.level === 'error' ? '错误' : '提醒'}${p.where ? `（${p.where}）` : ''}：${p.message}`),
    r.figures.length + r.progress.length === 0 ? '  没有新的数据。' : '',
  ].filter(Boolean);
}

async function runImport(ctx: CliContext): Promise<number> {
  const o = ctx.options ?? {};
  const paths = ctx.args;
  if (paths.length === 0) throw new UsageError('请指定要载入的回报文件（可多个）。');
  const dryRun = o['dry-run'] === true;
  const adopt = o.adopt === true;
  // A database that starts empty has no plan yet: receiving a package from above creates it.
  const planId = await planIdOf(ctx, str(o.plan)).catch((err) => {
    if (paths.every((p) => p.toLowerCase().endsWith('.tzpkg'))) return 0;
    throw err;
  });
  const files: { fileName: string; dataBase64: string }[] = [];
  const unreadable: ReturnReview[] = [];
  for (const p of paths) {
    const fileName = path.basename(p);
    let message: string | null = null;
    try {
      const stat = fs.statSync(p);
      if (!stat.isFile()) message = `“${p}”不是文件。`;
      else if (stat.size > IMPORT_MAX_BYTES) message = tooLargeMessage(fileName, stat.size);
      else files.push({ fileName, dataBase64: fs.readFileSync(p).toString('base64') });
    } catch {
      message = `找不到文件“${p}”，请检查路径。`;
    }
    if (message) {
      unreadable.push({ fileName, kind: null, refusal: message, planId: null, planTitle: null, unitId: null, unitName: null, period: null, periodLabel: null, exportedAt: null, returnedBy: null, figures: [], progress: [], unchanged: 0, problems: [] });
    }
  }
  // Packages from above are received, not reviewed as returns; a .tzpkg that is a return goes on as one.
  const receipts: IssueReceipt[] = [];
  for (const f of files.filter((x) => x.fileName.toLowerCase().endsWith('.tzpkg'))) {
    const r = await callOrThrow(ctx.core, 'exchange.receive', { ...f, commit: false, adopt });
    if (r.mode !== 'return') receipts.push(r);
  }
  const received = new Set(receipts.map((r) => r.fileName));
  const returns = files.filter((f) => !received.has(f.fileName));
  if (returns.length > 0 && planId === 0) throw new UsageError('数据库中还没有工作要点，无法载入回报。');
  const reviews = returns.length ? (await callOrThrow(ctx.core, 'exchange.review', { planId, files: returns })).reviews : [];
  const all = [...reviews, ...unreadable];
  const bad =
    receipts.some((r) => r.refusal) ||
    all.some((r) => r.refusal || r.problems.some((p) => p.level === 'error') || r.figures.some((c) => c.blocked && !c.conflict));
  const applied = new Map<string, number>();
  if (!bad && !dryRun && receipts.length > 0) {
    if (!(await callOrThrow(ctx.core, 'operator.get', {})).name) {
      throw new UsageError('尚未设置操作员姓名：请加 --operator 姓名，接收记录会写明由谁接收。');
    }
    for (let i = 0; i < receipts.length; i++) {
      const f = files.find((x) => x.fileName === receipts[i].fileName)!;
      receipts[i] = await callOrThrow(ctx.core, 'exchange.receive', { ...f, commit: true, adopt });
    }
  }
  if (!bad && !dryRun && reviews.length > 0) {
    // Every write records who made it: --operator names them for this command, else the PC's operator.
    if (!(await callOrThrow(ctx.core, 'operator.get', {})).name) {
      throw new UsageError('尚未设置操作员姓名：请加 --operator 姓名，导入记录会写明由谁导入。');
    }
    // What the window ticks by default: never a conflict (choose those in the window), never a blocked cell.
    const accepts = files.map((f, i) => ({ ...f, accept: defaultAccepted(reviews[i]) }));
    const wanted = accepts.filter((a) => a.accept.length > 0);
    if (wanted.length) {
      const result = await callOrThrow(ctx.core, 'exchange.apply', { planId, files: wanted });
      for (const f of result.files) applied.set(f.fileName, f.figures + f.progress);
    }
  }
  const ok = !bad;
  if (ctx.json) {
    ctx.io.out(JSON.stringify({ ok, dryRun, files: [...receipts.map(receiptJson), ...all.map((r) => fileJson(r, applied.get(r.fileName) ?? 0))] }));
  } else {
    const lines = [...receipts.flatMap(describeReceipt), ...all.flatMap(describe)];
    lines.push(
      !ok
        ? '有文件被拒绝或有错误，未写入任何数据。'
        : dryRun
          ? '检查通过（--dry-run：未写入）。'
          : reviews.length > 0
            ? `已导入 ${[...applied.values()].reduce((a, b) => a + b, 0)} 处。冲突的单元格未导入，请在“数据填报 → 数据交换”中逐项确认。`
            : '已接收。',
    );
    (ok ? ctx.io.out : ctx.io.err)(lines.join('\n'));
  }
  return ok ? 0 : 1;
}

export const exchangeCommand: CliCommand = {
  name: 'exchange',
  summary: '与下级单位交换数据：导出填报表/数据包，载入回报',
  options: {
    unit: { type: 'string', multiple: true },
    period: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string', short: 'o' },
    plan: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    'to-parent': { type: 'boolean', default: false },
    adopt: { type: 'boolean', default: false },
  },
  usage: USAGE,
  // plans.list, plan.units, operator.get and every exchange.* method run on a PostgreSQL store too (store/postgres/core.ts).
  postgres: true,
  // A script reading `files` finds the key on a failure too.
  failureJson: (_message, options) => ({ dryRun: options['dry-run'] === true, files: [] }),
  async run(ctx) {
    const [sub, ...rest] = ctx.args;
    if (sub === 'export') return runExport({ ...ctx, args: rest });
    if (sub === 'import') return runImport({ ...ctx, args: rest });
    throw new UsageError(sub ? `未知的子命令“${sub}”。` : '请说明要 export 还是 import。');
  },
};
