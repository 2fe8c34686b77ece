/**
 * `taizhang import FILE [--db PATH] [--plan ID] [--operator NAME] [--dry-run] [--json]
 *  [--kind tasks|targets|goals] [--replace] [--new-plan [--year YYYY]] [--allow-delete-progress]`:
 * reads an .xlsx, a Word notice (.docx; .doc/.wps through LibreOffice), .csv or text file, checks it against the plan and commits
 * it in one transaction — or, with errors, writes nothing. Exit 0 when
 * committed (or, with --dry-run, when it would be), 1 when errors stopped it,
 * 2 on bad usage. `--json` prints what a commit does (or would do) as a diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DiffItem, ImportDiff, ImportKind, ImportOptions, ImportOutcome, ImportProblem, NoticeHead, SheetOrigin } from '../../shared/import/types';
import { placeText } from '../../shared/import/place';
import { IMPORT_KIND_LABEL } from '../../shared/import/types';
import { IMPORT_MAX_BYTES, tooLargeMessage } from '../../shared/import/limits';
import { callOrThrow, type CliCommand } from './command';
import { optionText, UsageError } from './output';
import { planIdOf } from './lookup';

const USAGE =
  '用法：taizhang import 文件 [--db 数据库] [--plan 计划编号] [--operator 姓名] [--dry-run] [--json] [--kind tasks|targets|goals] [--replace] [--new-plan [--year 年份]] [--allow-delete-progress]';

const ZERO = { actionLines: 0, tasks: 0, units: 0, indicators: 0, targets: 0 };
const KINDS: ImportKind[] = ['tasks', 'targets', 'goals'];

/** "错误（工作表“附件1” 第5行 D列）：…"; a Word notice's places say 第2个表格 … 第4列, or 正文 … 第12段. */
function describe(p: ImportProblem, origins: Map<string, SheetOrigin | undefined> = new Map()): string {
  const origin = origins.get(p.sheet);
  const where = !p.sheet
    ? ''
    : origin
      ? placeText(p, origin)
      : [`工作表“${p.sheet}”`, p.row ? `第${p.row}行` : '', p.column ? `${p.column}列` : ''].filter(Boolean).join(' ');
  return `${p.level === 'error' ? '错误' : '提醒'}${where ? `（${where}）` : ''}：${p.message}`;
}

/** "通知：2022年…工作要点（青政办发〔2022〕16号，青云谱区人民政府办公室，2022-06-16印发）". */
function noticeLine(head: NoticeHead, converted: boolean): string {
  const facts = [head.docNumber, head.issuer, head.issuedOn && `${head.issuedOn}印发`].filter(Boolean);
  return `通知：${head.title ?? '（未找到标题）'}${facts.length ? `（${facts.join('，')}）` : ''}${converted ? '，已由 LibreOffice 转换为 .docx 读取' : ''}`;
}

/** "工作表“附件1”", "表格“附件1（第2个表格）”", "正文“正文·工作目标”". */
const partName = (s: { name: string; origin?: SheetOrigin }) => `${!s.origin ? '工作表' : s.origin.kind === 'table' ? '表格' : '正文'}“${s.name}”`;

/** The diff as scripts read it: the totals, and one item per change with its unit, indicator or task. */
export function diffJson(diff: ImportDiff) {
  const kindOf = (d: DiffItem) => (d.what === 'goal' ? 'indicator' : d.what);
  const item = (change: 'added' | 'changed' | 'removed', d: DiffItem) => ({
    change,
    kind: kindOf(d),
    unit: d.unit ?? null,
    indicator: d.indicator ?? null,
    task: d.task ?? null,
    old: d.before ?? null,
    new: d.after ?? null,
    ...(d.figures ? { figures: d.figures } : {}),
    ...(d.rewrite ? { rewrite: true } : {}),
    label: d.label,
  });
  return {
    added: diff.totals.added,
    changed: diff.totals.changed,
    removed: diff.totals.removed,
    items: [...diff.removed.map((d) => item('removed', d)), ...diff.changed.map((d) => item('changed', d)), ...diff.added.map((d) => item('added', d))],
  };
}

/** The --json object of a failure that stopped the import before any reading: one error, for the whole file. */
const failureJson = (message: string) => ({
  kind: null,
  counts: ZERO,
  diff: { added: 0, changed: 0, removed: 0, items: [] },
  problems: [{ level: 'error', sheet: '', row: 0, column: '', message } satisfies ImportProblem],
});

export const importCommand: CliCommand = {
  name: 'import',
  summary: '导入任务分解表、指导性任务分解表或工作目标（.xlsx、印发的通知 .docx/.doc/.wps、.csv、文本），全部成功才写入',
  usage: USAGE.replace(/^用法：/, ''),
  failureJson,
  // import.preview/commit, plans.list and operator.get run on a PostgreSQL store too (store/postgres/core.ts).
  postgres: true,
  options: {
    plan: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    // The reading of a sheet the file leaves open (two readings fit about as well).
    kind: { type: 'string' },
    // 以本表为准: remove targets the file leaves out; let a different task table replace the plan's.
    replace: { type: 'boolean', default: false },
    // Start a plan from the file: the database has none, or the file is another year's (title from its title row, year from the title or --year).
    'new-plan': { type: 'boolean', default: false },
    year: { type: 'string' },
    // Tasks the table no longer has are deleted even when they have progress (任务进展).
    'allow-delete-progress': { type: 'boolean', default: false },
  },
  async run(ctx) {
    const { core, args, json, io, options } = ctx;
    const [file] = args;
    if (!file) throw new UsageError('请指定要导入的文件。');
    // --plan takes the same forms as every command: a number or a title (lookup.ts).
    const planText = optionText(options?.plan);
    const planId = planText === undefined ? undefined : await planIdOf(ctx, planText);
    const kindText = options?.kind as string | undefined;
    if (kindText !== undefined && !KINDS.includes(kindText as ImportKind)) {
      throw new UsageError(`--kind 应为 tasks（任务分解表）、targets（指标分解表）或 goals（工作目标），而不是“${kindText}”。`);
    }
    const dryRun = options?.['dry-run'] === true;
    const yearText = options?.year as string | undefined;
    const year = yearText === undefined ? undefined : Number(yearText);
    if (year !== undefined && !(Number.isInteger(year) && year >= 1990 && year <= 2100)) {
      throw new UsageError(`--year 应为年份（如 2022），而不是“${yearText}”。`);
    }
    const createPlan = options?.['new-plan'] === true ? { ...(year !== undefined ? { year } : {}) } : undefined;
    const fileName = path.basename(file);
    // The file's own problems (missing, too large): exit 1 with the same shape as a refused import.
    const fail = (message: string): number => {
      const body = failureJson(message);
      const problems = body.problems;
      if (json) io.out(JSON.stringify({ ok: false, ...body }));
      else io.err(describe(problems[0]));
      return 1;
    };
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return fail(`找不到文件“${file}”，请检查路径。`);
    }
    if (!stat.isFile()) return fail(`“${file}”不是文件。`);
    if (stat.size > IMPORT_MAX_BYTES) return fail(tooLargeMessage(fileName, stat.size));
    // A write records who made it: --operator names them for this command, else the PC's operator. Without
    // any, the file is still checked (a dry run) so its own problems come first, and the missing name is said at the end.
    const noOperator = !dryRun && !(await callOrThrow(core, 'operator.get', {})).name;
    const bytes = fs.readFileSync(file);
    const importOptions: ImportOptions = {
      ...(createPlan ? { createPlan } : {}),
      ...(options?.['allow-delete-progress'] === true ? { allowDeleteProgress: true } : {}),
      ...(kindText ? { kind: kindText as ImportKind } : {}),
      ...(options?.replace === true ? { replace: true } : {}),
      ...(json ? { fullDiff: true } : {}),
    };
    const outcome: ImportOutcome = await callOrThrow(core, 'import.commit', {
      fileName,
      dataBase64: bytes.toString('base64'),
      planId,
      dryRun: dryRun || noOperator,
      ...(Object.keys(importOptions).length ? { options: importOptions } : {}),
    });
    const problems = [...outcome.problems];
    if (outcome.ok && noOperator) {
      problems.push({ level: 'error', sheet: '', row: 0, column: '', message: '尚未设置操作员姓名：请加 --operator 姓名，导入记录会写明由谁导入。文件检查无误，未写入任何数据。' });
    }
    const ok = outcome.ok && !noOperator && (outcome.committed || dryRun);
    if (json) {
      // kind, counts and the diff say what the file holds and would change, even when it stopped.
      io.out(JSON.stringify({ ok, kind: outcome.kind, counts: outcome.counts, diff: diffJson(outcome.diff), problems }));
      return ok ? 0 : 1;
    }
    const c = outcome.counts;
    const d = outcome.diff.totals;
    const origins = new Map(outcome.sheets.map((s) => [s.name, s.origin]));
    const head = outcome.notice;
    const lines = [
      `文件：${fileName}${outcome.planTitle ? ` → ${outcome.planTitle}${outcome.newPlan && outcome.newPlan.confirmed ? '（新建）' : ''}` : ''}`,
      ...(head ? [noticeLine(head, outcome.format === 'doc')] : []),
      ...outcome.sheets.map((s) => `${partName(s)}：${s.kind ? IMPORT_KIND_LABEL[s.kind] : '未识别'}${s.included ? '' : '（未导入）'}${s.reason ? `——${s.reason}` : ''}${!s.included && s.note ? `——${s.note}` : ''}`),
      `内容：${c.actionLines} 项行动、${c.tasks} 项任务、${c.units} 个单位、${c.indicators} 个指标、${c.targets} 个目标值`,
      `变化：新增 ${d.added} 处，修改 ${d.changed} 处，删除 ${d.removed} 处`,
      ...removals(outcome),
      ...(outcome.replace && !outcome.replace.chosen && outcome.replace.targetsNotInFile
        ? [`本表未列出的 ${outcome.replace.targetsNotInFile} 个目标值保留不变（加 --replace 则以本表为准删除）。`]
        : []),
      ...outcome.rewrites.map((r) => `改写：任务${r.seq}${r.oldSeq !== r.seq ? `（原任务${r.oldSeq}）` : ''}“${r.before}” → “${r.after}”${r.progress ? `，${r.progress} 条任务进展随之保留` : ''}`),
      ...outcome.aliasesUsed.map((a) => `按已记住的别名：“${a.alias}”即“${a.unitName}”`),
      ...problems.map((p) => describe(p, origins)),
      ok ? (dryRun ? '检查通过（--dry-run：未写入）。' : '已导入。') : '有错误，未写入任何数据。',
    ];
    (ok ? io.out : io.err)(lines.join('\n'));
    return ok ? 0 : 1;
  },
};

/** What would be removed, first and in full (the first 20), with the figures that lose their target. */
function removals(outcome: ImportOutcome): string[] {
  const r = outcome.diff.removed;
  if (r.length === 0) return [];
  const line = (d: DiffItem) => `  删除：${d.label}${d.before ? `（${d.before}）` : ''}${d.figures ? `，已有 ${d.figures} 个完成数将失去目标` : ''}`;
  return [...r.slice(0, 20).map(line), ...(outcome.diff.totals.removed > 20 ? [`  …… 另有 ${outcome.diff.totals.removed - 20} 处删除`] : [])];
}
