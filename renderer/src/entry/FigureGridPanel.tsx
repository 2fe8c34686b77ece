/** The 指标完成数 tab: the grid in one of its two layouts, the cell bar, undo/redo and the cell history. */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Segmented, Select, Space, Tooltip } from 'antd';
import { HistoryOutlined, LockOutlined, QuestionCircleOutlined, RedoOutlined, UndoOutlined } from '@ant-design/icons';
import { STATUS_COLOR, STATUS_HINT, STATUS_LABEL, type Status } from '../../../shared/figures/status';
import { formatNumber, formatPercent, formatRate } from '../../../shared/numbers';
import { periodLabel } from '../../../shared/periods';
import type { UnitRef } from '../../../shared/model/units';
import { EntryGrid } from './EntryGrid';
import type { CellMeta, Pos } from './model';
import { lockedReason, unitsModel, unitYearModel } from './models';
import { useApiResource } from './useApiResource';
import type { FigureView } from '../../../shared/entry/views';
import { describeHeldCell, heldValue, useGridData } from './useGridData';
import { useFigureCommit } from './useFigureCommit';
import { useUndoStack, type UndoStep } from './undoStack';
import { CellHistory } from './CellHistory';
import { yoyText } from './figureCells';
import { useAccount } from '../api/serverSession';
import { REVIEW_LEGEND, REVIEW_STATE_LABEL, type ReviewMark } from '../../../shared/review/states';
import { SYNC_MARK_HINT, SYNC_MARK_LABEL } from '../../../shared/sync/views';
import { useSyncMarks } from '../sync/useSyncMarks';
import { SyncBanner } from '../sync/SyncBanner';

/** The 退回 reasons the district sent back for the units and periods this grid shows: said above the grid, to the street. */
function ReturnedBanner({ marks, unitName }: { marks: ReviewMark[]; unitName: (id: number) => string }) {
  const returned = marks.filter((m) => m.state === 'returned');
  if (returned.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="returned-banner"
      title={returned.map((m) => `${unitName(m.unitId)}${periodLabel(m.period)}的完成数被区里退回：${m.reason ?? ''}。修改后保存即重新提交审核。`).join('\n')}
    />
  );
}

type Layout = 'units' | 'unit';

/** Space kept under the grid: the status legend and the page's bottom margin. */
const BELOW_GRID = 34;

/**
 * The grid fills the window down to the legend: its height is what is left under its top
 * (measured, so banners above it are counted), at least 320 px; the page scrolls below that.
 */
function useGridHeight(anchor: React.RefObject<HTMLDivElement | null>, key: string): number {
  const [h, setH] = useState(() => Math.max(320, window.innerHeight - 440));
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what moves the grid's top (layout, loading, an error, the lock banner)
  useLayoutEffect(() => {
    const get = () => {
      const top = anchor.current ? anchor.current.getBoundingClientRect().top + window.scrollY : 440;
      return Math.max(320, Math.floor(window.innerHeight - top - BELOW_GRID));
    };
    setH(get());
    const on = () => setH(get());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, [anchor, key]);
  return h;
}

export function FigureGridPanel({
  planId,
  period,
  year,
  units,
  focus,
  lockBanner = false,
}: {
  planId: number;
  period: string;
  year: number;
  units: UnitRef[];
  /** Select this unit's cell of this indicator when the grid opens (from the dashboard). */
  focus?: { unitId?: number; indicatorId?: number; seq: number } | null;
  /** Whether the page shows its lock banner above this panel (it moves the grid's top). */
  lockBanner?: boolean;
}) {
  const { message } = App.useApp();
  const [layout, setLayout] = useState<Layout>('units');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [active, setActive] = useState<{ pos: Pos; meta: CellMeta | null; readOnly: string | null } | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const chosenUnit = unitId ?? units[0]?.id ?? null;
  const view = useMemo<FigureView | null>(
    () => (layout === 'units' ? { kind: 'units', period } : chosenUnit ? { kind: 'unit', unitId: chosenUnit, year } : null),
    [layout, period, chosenUnit, year],
  );
  const grid = useGridData(planId, view);
  // Read at undo time, so the check sees the grid as it is then (after reloads), not as it was at render.
  const gridRef = useRef(grid.data);
  gridRef.current = grid.data;
  const valueNow = useCallback((i: number, u: number, p: string) => heldValue(gridRef.current, i, u, p), []);
  const describe = useCallback((i: number, u: number, p: string) => describeHeldCell(gridRef.current, i, u, p), []);
  // Every lock of the plan (not only the periods on screen): an undo step may belong to another period.
  const locks = useApiResource('entry.locks', { planId });
  const blockedStep = useCallback(
    (step: UndoStep) => {
      const held = new Map((locks.data?.locks ?? []).map((l) => [l.period, l]));
      const hit = [...new Set(step.cells.map((c) => c.period))].map((p) => held.get(p)).find(Boolean);
      return hit ? lockedReason(hit.period, { by: hit.lockedBy, at: hit.lockedAt }) : null;
    },
    [locks.data],
  );
  const { commit, undo, redo } = useFigureCommit(planId, grid.save, valueNow, describe, blockedStep);
  const canUndo = useUndoStack((s) => s.done.length > 0);
  const canRedo = useUndoStack((s) => s.undone.length > 0);
  const undoBlocked = useUndoStack((s) => (s.done.length ? blockedStep(s.done[s.done.length - 1]) : null));
  const redoBlocked = useUndoStack((s) => (s.undone.length ? blockedStep(s.undone[s.undone.length - 1]) : null));
  const bindPlan = useUndoStack((s) => s.bindPlan);
  // Undo steps belong to the plan they were made in; they survive reloads, tab and period switches.
  useEffect(() => bindPlan(planId), [planId, bindPlan]);

  const gridTop = useRef<HTMLDivElement>(null);

  const account = useAccount();
  // A 查看 account reads only; the core refuses its writes anyway (access/permissions.ts).
  // A desktop that syncs with the bureau's server marks each cell of its unit (renderer/src/sync/).
  const { index: syncIndex, marks: syncMarks } = useSyncMarks(planId, !account);
  // What moves the grid's top: the layout, loading or an error, the page's lock banner, and the banners of this panel.
  const banners = `${lockBanner}|${Boolean(syncMarks?.linked)}|${account?.role === 'entry' ? (grid.data?.reviews?.length ?? 0) : 0}`;
  const height = useGridHeight(gridTop, `${layout}|${grid.data == null}|${grid.error ?? ''}|${banners}`);
  const limits = useMemo(() => ({ viewOnly: account?.role === 'viewer' ? '查看账户只能查看，不能修改' : null }), [account?.role]);
  const model = useMemo(() => {
    const data = grid.data;
    if (!data) return null;
    if (layout === 'units') return 'units' in data ? unitsModel(data, limits, syncIndex) : null;
    return 'months' in data ? unitYearModel(data, limits, syncIndex) : null;
  }, [layout, grid.data, limits, syncIndex]);
  const unitName = useCallback((id: number) => units.find((u) => u.id === id)?.name ?? '', [units]);

  const onActiveChange = useCallback((pos: Pos, meta: CellMeta | null, readOnly: string | null) => setActive({ pos, meta, readOnly }), []);
  const error = grid.error;
  const meta = active?.meta ?? null;

  return (
    <div data-testid="figure-grid-panel">
      <div className="tz-entry-toolbar">
        <Segmented<Layout>
          value={layout}
          onChange={setLayout}
          options={[
            { value: 'units', label: '按单位（单位 × 指标）' },
            { value: 'unit', label: '按月份（单个单位：指标 × 月份）' },
          ]}
          data-testid="layout-switch"
        />
        {layout === 'unit' ? (
          <Select
            value={chosenUnit ?? undefined}
            onChange={(v: number) => setUnitId(v)}
            style={{ width: 200 }}
            aria-label="单位"
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        ) : null}
        <Space.Compact>
          <Tooltip title={undoBlocked ? `不能撤销：${undoBlocked}` : '撤销（Ctrl+Z）'}>
            <Button
              icon={undoBlocked ? <LockOutlined /> : <UndoOutlined />}
              disabled={!canUndo}
              onClick={() => void undo()}
              data-testid="undo-button"
              data-blocked={undoBlocked ? 'true' : undefined}
            >
              撤销
            </Button>
          </Tooltip>
          <Tooltip title={redoBlocked ? `不能恢复：${redoBlocked}` : '恢复（Ctrl+Y）'}>
            <Button
              icon={redoBlocked ? <LockOutlined /> : <RedoOutlined />}
              disabled={!canRedo}
              onClick={() => void redo()}
              data-testid="redo-button"
              data-blocked={redoBlocked ? 'true' : undefined}
            >
              恢复
            </Button>
          </Tooltip>
        </Space.Compact>
        <Tooltip title="方向键移动，直接输入覆盖（全角数字也可），F2 编辑，Enter/Tab 确认，Esc 取消，Delete 清除；可从 Excel、WPS 复制粘贴整块数据。">
          <span className="tz-muted tz-entry-keys" data-testid="grid-keys-help">
            <QuestionCircleOutlined /> 键盘操作
          </span>
        </Tooltip>
      </div>

      <div className="tz-entry-cellbar" data-testid="cell-bar" data-loads={grid.loads}>
        {meta ? (
          <>
            <span className="tz-cellbar-where">
              {meta.unitName} · {meta.indicator.name}（{periodLabel(meta.period)}）
            </span>
            {meta.rate != null ? (
              <span style={{ color: STATUS_COLOR[meta.status].color }}>
                完成率 {formatRate(meta.rate)} · {STATUS_LABEL[meta.status]}
              </span>
            ) : null}
            {yoyText(meta) ? (
              <span data-testid="cell-yoy">
                {yoyText(meta)}（上年同期 {formatNumber(meta.lastYear ?? 0, meta.indicator.decimals)}）
              </span>
            ) : null}
            {meta.rank ? (
              <span data-testid="cell-rank">
                排名 第{meta.rank.rank}名（共{meta.rank.of}个单位）
              </span>
            ) : null}
            {meta.note ? <span>说明：{meta.note}</span> : null}
            {meta.review ? (
              <span data-testid="cell-review" className={meta.review.state === 'approved' ? undefined : 'tz-missing'}>
                {REVIEW_STATE_LABEL[meta.review.state]}
                {meta.review.reason ? `（退回原因：${meta.review.reason}）` : ''}
              </span>
            ) : null}
            {meta.sync ? (
              <span data-testid="cell-sync" className={meta.sync.state === 'returned' || meta.sync.state === 'conflict' || meta.sync.state === 'refused' ? 'tz-missing' : undefined}>
                {SYNC_MARK_LABEL[meta.sync.state]}：
                {meta.sync.state === 'conflict' && meta.sync.message
                  ? meta.sync.message
                  : `${SYNC_MARK_HINT[meta.sync.state]}${meta.sync.message ? `（${meta.sync.state === 'returned' ? '退回原因：' : ''}${meta.sync.message}）` : ''}`}
              </span>
            ) : null}
            {active?.readOnly ? <span className="tz-missing">{active.readOnly}</span> : null}
            <Button size="small" icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)} data-testid="history-button">
              修改记录
            </Button>
          </>
        ) : (
          <span className="tz-muted">{active?.readOnly || '选择一个单元格'}</span>
        )}
      </div>

      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {syncMarks?.linked ? <SyncBanner marks={syncMarks} /> : null}
      {grid.data && account?.role === 'entry' ? <ReturnedBanner marks={grid.data.reviews ?? []} unitName={unitName} /> : null}
      <div ref={gridTop} />
      {model ? (
        <EntryGrid
          model={model}
          height={height}
          onCommit={commit}
          onUndo={() => void undo()}
          onRedo={() => void redo()}
          onActiveChange={onActiveChange}
          // One notice per reason, however many keys were pressed on read-only cells.
          onReadOnly={(reason) => message.warning({ content: reason, key: reason })}
          onNotice={(text) => message.info(text)}
          colWidth={layout === 'unit' ? 132 : 168}
          minColWidth={layout === 'unit' ? undefined : 136}
          focus={
            focus && layout === 'units'
              ? { rowKey: focus.unitId ? `u${focus.unitId}` : undefined, colKey: focus.indicatorId ? `i${focus.indicatorId}` : undefined, seq: focus.seq }
              : null
          }
          rowHeaderWidth={layout === 'unit' ? 230 : 176}
        />
      ) : !error ? (
        <div className="tz-loading" data-testid="loading">
          正在加载…
        </div>
      ) : null}
      <div className="tz-entry-legend">
        {(['green', 'amber', 'red', 'none'] as Status[]).map((s) => (
          <span key={s} title={STATUS_HINT[s]}>
            <i className="tz-dot" style={{ background: STATUS_COLOR[s].color }} />
            {STATUS_LABEL[s]}：{STATUS_HINT[s]}
          </span>
        ))}
        {grid.data?.reviews?.length ? <span data-testid="review-legend">{REVIEW_LEGEND}</span> : null}
      </div>
      <CellHistory planId={planId} meta={meta} open={historyOpen} onClose={() => setHistoryOpen(false)} />
    </div>
  );
}
