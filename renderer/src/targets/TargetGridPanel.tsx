/**
 * 指标分解 in the window: the targets of every sub-unit in the grid that
 * works like 数据填报 (keyboard, paste from Excel/WPS, undo), the sum check
 * against the district's target live in each column's header, and the
 * indicators that do not add up listed above the grid.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Space, Tooltip } from 'antd';
import { RedoOutlined, UndoOutlined } from '@ant-design/icons';
import type { TargetBreakdown } from '../../../shared/api/views';
import { EntryGrid } from '../entry/EntryGrid';
import { useEditor } from '../edit/useEditor';
import { usePlanViewOnly, ViewOnlyTag } from '../edit/viewOnly';
import { buildTargetGrid, checkLine, targetKey, type HeldTarget } from './targetModel';
import { useTargetCommit, useTargetUndo } from './useTargetCommit';

const gridHeight = () => Math.max(300, window.innerHeight - 380);

function useGridHeight(): number {
  const [h, setH] = useState(gridHeight);
  useEffect(() => {
    const on = () => setH(gridHeight());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}

export function TargetGridPanel({ planId, breakdown }: { planId: number; breakdown: TargetBreakdown }) {
  const { message } = App.useApp();
  const { write, gate } = useEditor();
  const viewOnly = usePlanViewOnly();
  const height = useGridHeight();
  // Values saved here since the breakdown was loaded; a reload (data.changed) brings them in and clears this.
  const [overlay, setOverlay] = useState<Map<string, HeldTarget>>(new Map());
  // biome-ignore lint/correctness/useExhaustiveDependencies: a reloaded breakdown holds the saved values: the overlay goes
  useEffect(() => setOverlay(new Map()), [breakdown]);
  const grid = useMemo(() => buildTargetGrid(breakdown, overlay, viewOnly), [breakdown, overlay, viewOnly]);
  const gridRef = useRef(grid);
  gridRef.current = grid;
  const heldNow = useCallback((i: number, u: number) => gridRef.current.held(i, u), []);
  const saved = useCallback((cells: { indicatorId: number; unitId: number; held: HeldTarget }[]) => {
    setOverlay((o) => {
      const next = new Map(o);
      for (const c of cells) next.set(targetKey(c.indicatorId, c.unitId), c.held);
      return next;
    });
  }, []);
  const { commit, undo, redo } = useTargetCommit(planId, write, saved, heldNow);
  const bindPlan = useTargetUndo((s) => s.bindPlan);
  useEffect(() => bindPlan(planId), [planId, bindPlan]);
  const canUndo = useTargetUndo((s) => s.done.length > 0);
  const canRedo = useTargetUndo((s) => s.undone.length > 0);

  const off = grid.checks
    .map((c, k) => ({ c, i: grid.indicators[k] }))
    .filter(({ c }) => c.state === 'mismatch' || c.state === 'incomplete');

  return (
    <div data-testid="target-grid-panel">
      {gate}
      {viewOnly ? (
        <div className="tz-entry-toolbar">
          <ViewOnlyTag />
          <span className="tz-muted">方向键移动查看各单位的分解目标；修改由区里的管理员进行。</span>
        </div>
      ) : (
        <div className="tz-entry-toolbar">
          <Space.Compact>
            <Tooltip title="撤销（Ctrl+Z）">
              <Button icon={<UndoOutlined />} disabled={!canUndo} onClick={() => void undo()} data-testid="targets-undo">
                撤销
              </Button>
            </Tooltip>
            <Tooltip title="恢复（Ctrl+Y）">
              <Button icon={<RedoOutlined />} disabled={!canRedo} onClick={() => void redo()} data-testid="targets-redo">
                恢复
              </Button>
            </Tooltip>
          </Space.Compact>
          <span className="tz-muted">方向键移动，直接输入覆盖，F2 编辑，Enter/Tab 确认，Delete 清除；可从 Excel、WPS 复制粘贴整块目标；范围写作 1-3。</span>
        </div>
      )}
      {off.length ? (
        <Alert
          className="tz-mb"
          type="warning"
          showIcon
          data-testid="targets-sum-alert"
          title={`${off.length} 项指标的分解合计与全区目标不符或未填完：${off.map(({ c, i }) => `${i.name}（${checkLine(c, i).text}）`).join('；')}`}
        />
      ) : (
        <Alert className="tz-mb" type="success" showIcon data-testid="targets-sum-alert" title="各项可加总指标的分解合计均与全区目标相符。" />
      )}
      <EntryGrid
        testId="target-grid"
        model={grid.model}
        height={height}
        onCommit={commit}
        onUndo={() => void undo()}
        onRedo={() => void redo()}
        // One notice per reason, however many keys were pressed on read-only cells.
        onReadOnly={(reason) => message.warning({ content: reason, key: reason })}
        onNotice={(text) => message.info(text)}
        colWidth={184}
        rowHeaderWidth={190}
      />
    </div>
  );
}
