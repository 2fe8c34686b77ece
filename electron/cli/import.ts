/**
 * `taizhang import FILE [--db PATH] [--plan ID] [--operator NAME] [--dry-run] [--json]
 *  [--allow-delete-progress]`: reads an
 * .xlsx, .csv or text file, checks it against the plan and commits it in one
 * transaction — or, with errors, writes nothing. Exit 0 when committed (or,
 * with --dry-run, when it would be), 1 when errors stopped it, 2 on bad usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImportOutcome, ImportProblem } from '../../shared/import/types';
import { IMPORT_KIND_LABEL } from '../../shared/import/types';
import { IMPORT_MAX_BYTES, tooLargeMessage } from '../../shared/import/limits';
import { callOrThrow, type CliCommand } from './commands';
import { UsageError } from './output';

const USAGE =
  '用法：taizhang import 文件 [--db 数据库] [--plan 计划编号] [--operator 姓名] [--dry-run] [--json] [--new-plan [--year 年份]] [--allow-delete-progress]';

const ZERO = { actionLines: 0, tasks: 0, units: 0, indicators: 0, targets: 0 };

function describe(p: ImportProblem): string {
  const where = [p.sheet && `工作表“${p.sheet}”`, p.row ? `第${p.row}行` : '', p.column ? `${p.column}列` : ''].filter(Boolean).join(' ');
  return `${p.level === 'error' ? '错误' : '提醒'}${where ? `（${where}）` : ''}：${p.message}`;
}

/** The --json object of a failure that stopped the import before any reading: one error, for the whole file. */
const failureJson = (message: string) => ({
  kind: null,
  counts: ZERO,
  problems: [{ level: 'error', sheet: '', row: 0, column: '', message } satisfies ImportProblem],
});

export const importCommand: CliCommand = {
  name: 'import',
  summary: '导入任务分解表、指导性任务分解表或工作目标（.xlsx、.csv、文本），全部成功才写入',
  usage: USAGE.replace(/^用法：/, ''),
  failureJson,
  options: {
    plan: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    // The database has no plan yet: start the one the file names (title from its title row, year from the title or --year).
    'new-plan': { type: 'boolean', default: false },
    year: { type: 'string' },
    // Tasks the table no longer has are deleted even when they have progress (任务进展).
    'allow-delete-progress': { type: 'boolean', default: false },
  },
  async run({ core, args, json, io, options }) {
    const [file] = args;
    if (!file) throw new UsageError('请指定要导入的文件。');
    const planText = options?.plan as string | undefined;
    const planId = planText === undefined ? undefined : Number(planText);
    if (planId !== undefined && !(Number.isInteger(planId) && planId > 0)) {
      throw new UsageError(`--plan 应为工作要点的编号（正整数），而不是“${planText}”。`);
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
      const { problems } = failureJson(message);
      if (json) io.out(JSON.stringify({ ok: false, kind: null, counts: ZERO, problems }));
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
    const allowDeleteProgress = options?.['allow-delete-progress'] === true;
    const importOptions = { ...(createPlan ? { createPlan } : {}), ...(allowDeleteProgress ? { allowDeleteProgress } : {}) };
    const outcome: ImportOutcome = await callOrThrow(core, 'import.commit', {
      fileName,
      dataBase64: bytes.toString('base64'),
      planId,
      dryRun: dryRun || noOperator,
      ...(Object.keys(importOptions).length ? { options: importOptions } : {}),
    });
    if (outcome.ok && noOperator) return fail('尚未设置操作员姓名：请加 --operator 姓名，导入记录会写明由谁导入。文件检查无误，未写入任何数据。');
    const ok = outcome.ok && (outcome.committed || dryRun);
    if (json) {
      io.out(JSON.stringify({ ok, kind: outcome.kind, counts: outcome.counts, problems: outcome.problems }));
      return ok ? 0 : 1;
    }
    const c = outcome.counts;
    const lines = [
      `文件：${fileName}${outcome.planTitle ? ` → ${outcome.planTitle}${outcome.newPlan ? '（新建）' : ''}` : ''}`,
      ...outcome.sheets.map((s) => `工作表“${s.name}”：${s.kind ? IMPORT_KIND_LABEL[s.kind] : '未识别'}${s.included ? '' : '（未导入）'}`),
      `内容：${c.actionLines} 项行动、${c.tasks} 项任务、${c.units} 个单位、${c.indicators} 个指标、${c.targets} 个目标值`,
      `变化：新增 ${outcome.diff.totals.added} 处，修改 ${outcome.diff.totals.changed} 处，删除 ${outcome.diff.totals.removed} 处`,
      ...outcome.problems.map(describe),
      ok ? (dryRun ? '检查通过（--dry-run：未写入）。' : '已导入。') : '有错误，未写入任何数据。',
    ];
    (ok ? io.out : io.err)(lines.join('\n'));
    return ok ? 0 : 1;
  },
};
