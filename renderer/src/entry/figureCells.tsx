/**
 * How a figure cell of 数据填报 looks and checks: its value at the
 * indicator's decimals, the line under it (target and 完成率 in the status
 * colour), the note marker, and the live check of a typed value by the
 * shared entry rules (shared/entry/validate.ts) the core applies again.
 */
import { formatNumber, formatPercent, formatRate } from '../../../shared/numbers';
import { STATUS_COLOR, STATUS_LABEL } from '../../../shared/figures/status';
import { checkEntryText } from '../../../shared/entry/validate';
import type { GridModel } from '../grid/model';
import type { CellMeta } from './model';
import { REVIEW_MARK, REVIEW_STATE_LABEL } from '../../../shared/review/states';
import { SyncMark, syncMarkTitle } from '../sync/SyncMark';

/** 同比 as the grid says it: "同比 +25.0%", a ratio's "比上年 +0.14个百分点"; null without last year's value. */
export function yoyText(meta: Pick<CellMeta, 'yoy' | 'pointChange' | 'value'>): string | null {
  if (meta.value == null) return null;
  const sign = (v: number) => (v > 0 ? '+' : v < 0 ? '-' : '');
  if (meta.pointChange != null) return `比上年 ${sign(meta.pointChange)}${formatNumber(Math.abs(meta.pointChange), 2)}个百分点`;
  if (meta.yoy != null) return `同比 ${sign(meta.yoy)}${formatPercent(Math.abs(meta.yoy))}`;
  return null;
}

export const figureValueText = (meta: CellMeta | null): string =>
  meta?.value == null ? '' : formatNumber(meta.value, meta.indicator.decimals);

export function figureCheck(meta: CellMeta, text: string): { level: 'error' | 'warning'; text: string } | null {
  const r = checkEntryText(text, {
    indicator: meta.indicator,
    previous: meta.previous,
    previousLabel: meta.previousLabel,
    next: meta.next,
    nextLabel: meta.nextLabel,
    target: meta.target,
    targetMax: meta.targetMax,
  });
  if (r.kind === 'error') return { level: 'error', text: r.message };
  if (r.needsNote) return { level: 'warning', text: r.needsNote };
  if (r.needsConfirm) return { level: 'warning', text: r.needsConfirm };
  return null;
}

/** The figure half of a GridModel<CellMeta>: everything but the axes and cells. */
export const figureCells: Pick<GridModel<CellMeta>, 'valueText' | 'check' | 'face' | 'place' | 'attributes'> = {
  valueText: figureValueText,
  check: figureCheck,
  place: (meta) => `${meta.unitName} · ${meta.indicator.name}`,
  face(meta) {
    const status = meta.value != null ? meta.status : 'none';
    const yoy = yoyText(meta);
    const review = meta.review;
    const reviewTitle = review ? `${REVIEW_STATE_LABEL[review.state]}${review.reason ? `（退回原因：${review.reason}）` : ''}` : '';
    const sync = meta.sync;
    const syncTitle = sync ? syncMarkTitle(sync) : '';
    return {
      noted: Boolean(meta.note),
      title: [meta.note, reviewTitle, syncTitle].filter(Boolean).join('\n') || undefined,
      className: [meta.source === 'sum' || meta.source === 'partial_sum' ? 'is-sum' : '', review ? `is-review-${review.state}` : ''].filter(Boolean).join(' ') || undefined,
      sub: (
        <div className="tz-cell-sub" style={{ color: STATUS_COLOR[status].color }}>
          {sync ? <SyncMark mark={sync} /> : null}
          {!sync && review && REVIEW_MARK[review.state] ? (
            <span className={`tz-review-mark is-${review.state}`} data-testid="review-mark">
              {REVIEW_MARK[review.state]}
            </span>
          ) : null}
          {meta.target != null ? (
            <span className="tz-cell-target">
              目标 {formatNumber(meta.target, meta.indicator.decimals)}
              {meta.targetMax != null ? `-${formatNumber(meta.targetMax, meta.indicator.decimals)}` : ''}
            </span>
          ) : null}
          {meta.rate != null ? (
            <span className="tz-cell-rate" title={STATUS_LABEL[status]}>
              <i className="tz-dot" style={{ background: STATUS_COLOR[status].color }} />
              {formatRate(meta.rate)}
            </span>
          ) : null}
          {/* Without a target (a plan just copied from last year) the line says 同比 instead. */}
          {meta.target == null && yoy ? <span className="tz-cell-yoy">{yoy}</span> : null}
        </div>
      ),
    };
  },
  attributes: (meta) => ({
    'data-unit': meta?.unitName,
    'data-indicator': meta?.indicator.name,
    'data-period': meta?.period,
    'data-value': meta?.value ?? '',
    'data-yoy': meta?.yoy ?? undefined,
    'data-review': meta?.review?.state ?? undefined,
    'data-sync': meta?.sync?.state ?? undefined,
  }),
};
