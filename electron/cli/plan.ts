/**
 * `taizhang plan list [--json]` and `taizhang plan new --year 2023 [--year-end 2025] [--from PLAN]
 * [--title T] [--copy-tasks] [--json]`: the plans side by side, and a new one — blank, or copied
 * from another year (indicators with empty targets, last year's figures as 上年同期).
 */
import type { Plan } from '../../shared/model/plan';
import { ApiError } from '../../shared/api/errors';
import { callOrThrow, type CliCommand, type CliContext } from './command';
import { planIdOf } from './lookup';
import { optionText, Refusal, UsageError } from './output';

const USAGE = ['taizhang plan list [--json]', 'taizhang plan new --year 2023 [--year-end 2025] [--from 计划] [--title 标题] [--copy-tasks] [--json]'].join('\n');

const years = (p: Plan) => (p.yearStart === p.yearEnd ? `${p.yearStart}` : `${p.yearStart}-${p.yearEnd}`);

async function list(ctx: CliContext): Promise<number> {
  const plans = await callOrThrow(ctx.core, 'plans.list', {});
  const { units } = await callOrThrow(ctx.core, 'units.directory', {});
  const unitName = (id: number) => units.find((u) => u.id === id)?.name ?? null;
  if (ctx.json) {
    ctx.io.out(
      JSON.stringify({
        plans: plans.map((p) => ({
          id: p.id,
          title: p.title,
          yearStart: p.yearStart,
          yearEnd: p.yearEnd,
          docNumber: p.docNumber,
          unit: unitName(p.unitId),
          archived: Boolean(p.archivedAt),
          example: Boolean(p.example),
        })),
      }),
    );
    return 0;
  }
  ctx.io.out(
    plans.length
      ? plans
          .map((p) => `${p.id}  ${years(p)}  ${p.title}${p.docNumber ? `（${p.docNumber}）` : ''}  ${unitName(p.unitId) ?? ''}${p.example ? '  [示例]' : ''}${p.archivedAt ? '  [已归档]' : ''}`)
          .join('\n')
      : '还没有工作要点。可用 taizhang plan new --year 年份 新建，或 taizhang import 导入。',
  );
  return 0;
}

const yearOf = (text: string | undefined, option: string): number | undefined => {
  if (text === undefined) return undefined;
  const y = Number(text);
  if (!Number.isInteger(y) || y < 1990 || y > 2100) throw new UsageError(`${option} 应为年份（如 2023），而不是“${text}”。`);
  return y;
};

async function create(ctx: CliContext): Promise<number> {
  const o = ctx.options ?? {};
  const yearStart = yearOf(optionText(o.year), '--year');
  if (yearStart === undefined) throw new UsageError('请用 --year 给出新工作要点的年度（如 --year 2023）。');
  const yearEnd = yearOf(optionText(o['year-end']), '--year-end') ?? yearStart;
  const fromText = optionText(o.from);
  const fromPlanId = fromText ? await planIdOf(ctx, fromText) : undefined;
  let title = optionText(o.title);
  if (!title) {
    const plans = await callOrThrow(ctx.core, 'plans.list', {});
    const from = plans.find((p) => p.id === fromPlanId);
    const { units } = await callOrThrow(ctx.core, 'units.directory', {});
    const unit = units.find((u) => u.id === (from?.unitId ?? units.find((x) => x.parentId === null && x.kind !== 'department')?.id));
    title = `${yearStart === yearEnd ? `${yearStart}年` : `${yearStart}—${yearEnd}年`}${unit?.name ?? ''}科技创新工作要点`;
  }
  const { planId } = await callOrThrow(ctx.core, 'plan.create', {
    title,
    yearStart,
    yearEnd,
    ...(fromPlanId !== undefined ? { fromPlanId } : {}),
    ...(o['copy-tasks'] === true ? { copyTasks: true } : {}),
  });
  ctx.io.out(ctx.json ? JSON.stringify({ ok: true, planId, title, yearStart, yearEnd }) : `已新建工作要点 ${planId}：${title}`);
  return 0;
}

export const planCommand: CliCommand = {
  name: 'plan',
  summary: '工作要点：列出全部，或新建（空白或从上一年复制）',
  options: {
    year: { type: 'string' },
    'year-end': { type: 'string' },
    from: { type: 'string' },
    title: { type: 'string' },
    'copy-tasks': { type: 'boolean', default: false },
  },
  usage: USAGE,
  // plans.list, units.directory and plan.create run on PostgreSQL too (store/postgres/core.ts).
  postgres: true,
  // Failures go through the CLI's one path (cli/failure.ts); the core refusing the plan (a duplicate title) is exit 1.
  async run(ctx) {
    const [sub, ...extra] = ctx.args;
    if (extra.length) throw new UsageError(`多余的参数：${extra.join(' ')}`);
    if (sub === 'list') return list(ctx);
    if (sub === 'new') return create(ctx).catch((err: unknown) => {
      throw err instanceof ApiError && err.code === 'bad_request' ? new Refusal(err.message) : err;
    });
    throw new UsageError(sub ? `未知的子命令“${sub}”。` : '请说明要 list 还是 new。');
  },
};
