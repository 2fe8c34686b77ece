/**
 * A plan with a locked period (锁定) keeps its targets and baselines: its
 * completion rates and 同比 were reported against them. Changing or removing
 * an existing target, or changing a baseline, is an error until unlocked
 * (with a reason). Adding a target where there was none, or a new indicator,
 * overwrites nothing and stays allowed (and is recorded in target_history).
 */
import { formatNumber } from '../numbers';
import { periodLabel } from '../periods';
import { targetKey, type AnalysisContext } from './context';

export function checkLockedTargets(ctx: AnalysisContext): void {
  const { snapshot, plan, write, resolver, oldTargets } = ctx;
  const locked = (snapshot.lockedPeriods ?? []).filter((p) => {
    const year = Number(p.slice(0, 4));
    return year >= plan.yearStart && year <= plan.yearEnd;
  });
  if (locked.length === 0) return;
  const names = new Map(snapshot.indicators.map((i) => [i.id, i]));
  const indicatorName = (id: number) => names.get(id)?.name ?? '';
  const overwrites: string[] = [];
  for (const t of write.targets) {
    const old = oldTargets.get(targetKey(t.indicatorId, t.unitId));
    if (old && (old.value !== t.value || (old.valueMax ?? null) !== (t.valueMax ?? null))) {
      overwrites.push(`${resolver.nameOf(t.unitId)} · ${indicatorName(t.indicatorId)} ${formatNumber(old.value)} → ${formatNumber(t.value)}`);
    }
  }
  for (const t of write.removeTargets) {
    const old = oldTargets.get(targetKey(t.indicatorId, t.unitId));
    overwrites.push(`删除 ${resolver.nameOf(t.unitId)} · ${indicatorName(t.indicatorId)}${old ? ` ${formatNumber(old.value)}` : ''}`);
  }
  for (const i of write.indicators) {
    const old = i.id > 0 && i.updateWording ? names.get(i.id) : undefined;
    if (old && (old.baseline ?? null) !== (i.baseline ?? null)) {
      overwrites.push(`${old.name} 基数 ${old.baseline === null ? '无' : formatNumber(old.baseline)} → ${i.baseline === null ? '无' : formatNumber(i.baseline)}`);
    }
  }
  if (overwrites.length === 0) return;
  const periods = [...locked].sort();
  const periodText = `${periods.slice(0, 3).map(periodLabel).join('、')}${periods.length > 3 ? `等 ${periods.length} 个报告期` : ''}`;
  ctx.problems.push({
    level: 'error',
    sheet: '',
    row: 0,
    column: '',
    message: `本工作要点的${periodText}已锁定，请先解锁（填写原因）后再导入目标。本次导入会修改或删除 ${overwrites.length} 个已有目标值或基数（${overwrites.slice(0, 3).join('；')}${overwrites.length > 3 ? ' 等' : ''}）；只新增目标值可以直接导入。`,
  });
}
