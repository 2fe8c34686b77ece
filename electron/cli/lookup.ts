/** Plans and units named on the command line, resolved through the API with a Chinese answer when they don't exist. */
import { closestNames, normaliseUnitName } from '../../shared/units/normalise';
import { callOrThrow, type CliContext } from './command';
import { UsageError } from './output';

/**
 * The plan a command works on — the same forms for every command: `--plan` by
 * number (a number that is no plan is the core's to refuse, exit 1, as a plan
 * deleted meanwhile would be) or by title; else the plan that covers `year`
 * when one is given; else the newest.
 */
export async function planIdOf(ctx: CliContext, wanted: string | undefined, year?: number): Promise<number> {
  if (wanted && /^\d+$/.test(wanted) && Number(wanted) > 0) return Number(wanted);
  const plans = await callOrThrow(ctx.core, 'plans.list', {});
  if (wanted) {
    const plan = plans.find((p) => p.title === wanted.trim());
    if (!plan) {
      const known = plans.length ? `可用的工作要点：${plans.map((p) => `${p.id}（${p.title}）`).join('；')}` : '数据库中还没有工作要点。';
      throw new UsageError(`--plan“${wanted}”不是本数据库中的工作要点（请写编号或完整标题）。${known}`);
    }
    return plan.id;
  }
  if (plans.length === 0) throw new UsageError('数据库中还没有工作计划：请先用 taizhang import 导入工作要点。');
  if (year == null) return plans[0].id;
  const plan = plans.find((p) => p.yearStart <= year && year <= p.yearEnd);
  if (!plan) {
    throw new UsageError(
      `没有覆盖 ${year} 年的工作计划。可用的计划：${plans.map((p) => `${p.id}（${p.title}，${p.yearStart}-${p.yearEnd}）`).join('；')}`,
    );
  }
  return plan.id;
}

/** A unit by its name as written (spaces and full-width letters forgiven), with the closest names when unknown. */
export async function unitIdOf(ctx: CliContext, name: string | undefined): Promise<number | undefined> {
  if (!name) return undefined;
  const { units } = await callOrThrow(ctx.core, 'units.directory', {});
  const unit = units.find((u) => normaliseUnitName(u.name) === normaliseUnitName(name));
  if (unit) return unit.id;
  const near = closestNames(name, units.map((u) => u.name));
  throw new UsageError(`找不到单位“${name}”。${near.length ? `是否指：${near.join('、')}？` : '请使用“任务分解”“指标分解”中显示的单位名称。'}`);
}
