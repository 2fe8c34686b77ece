/**
 * The spreadsheet-like grid (数据填报): virtualised in both directions, so
 * 2,000 rows × 40 columns render only what is on screen. Keyboard first, like
 * Excel: arrows, Tab, Enter, type to overwrite, F2 to edit, Esc to cancel,
 * Delete to clear, Ctrl+Home / Ctrl+End, Ctrl+Z / Ctrl+Y, Ctrl+C / Ctrl+V with tab-separated blocks.
 * It knows nothing of the API: edits go out through onCommit.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ClipboardEvent as ReactClipboardEvent, KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatNumber, formatPercent, formatRate } from '../../../shared/numbers';
import { STATUS_COLOR, STATUS_LABEL } from '../../../shared/figures/status';
import { checkEntryText } from '../../../shared/entry/validate';
import { formatTsv, parseTsv } from '../../../shared/entry/tsv';
import type { CellInput, CellMeta, GridModel, Pos } from './model';
import './entry.css';

export interface CommitOutcome {
  ok: boolean;
  /** Shown under the cell editor when a single typed value is refused. */
  error?: string;
}

interface EntryGridProps {
  model: GridModel;
  onCommit(inputs: CellInput[], label: string): Promise<CommitOutcome>;
  onUndo(): void;
  onRedo(): void;
  onActiveChange?(pos: Pos, meta: CellMeta | null, readOnly: string | null): void;
  onReadOnly(reason: string): void;
  onNotice(text: string): void;
  height: number;
  rowHeaderWidth?: number;
  colWidth?: number;
  /** A cell to select once its row and column are in the model (opened from the dashboard); `seq` asks again. */
  focus?: { rowKey?: string; colKey?: string; seq: number } | null;
}

const ROW_HEIGHT = 52;
const HEADER_HEIGHT = 62;

interface Editing {
  pos: Pos;
  text: string;
  /** 'enter': started by typing, arrows commit and move; 'edit': F2 / double-click, arrows move the caret. */
  mode: 'enter' | 'edit';
}

export const valueText = (meta: CellMeta | null): string =>
  meta?.value == null ? '' : formatNumber(meta.value, meta.indicator.decimals);

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

function liveCheck(meta: CellMeta, text: string): { level: 'error' | 'warning'; text: string } | null {
  const r = checkEntryText(text, {
    indicator: meta.indicator,
    previous: meta.previous,
    previousLabel: meta.previousLabel,
    target: meta.target,
    targetMax: meta.targetMax,
  });
  if (r.kind === 'error') return { level: 'error', text: r.message };
  if (r.needsNote) return { level: 'warning', text: r.needsNote };
  if (r.needsConfirm) return { level: 'warning', text: r.needsConfirm };
  return null;
}

export function EntryGrid(props: EntryGridProps) {
  const { model, height } = props;
  const rowHeaderWidth = props.rowHeaderWidth ?? 176;
  const colWidth = props.colWidth ?? 156;
  const scrollRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [active, setActive] = useState<Pos>({ row: 0, col: 0 });
  const [anchor, setAnchor] = useState<Pos>({ row: 0, col: 0 });
  const [editing, setEditingState] = useState<Editing | null>(null);
  // Keys typed faster than React re-renders ("7" then Enter at once) must see the editor already open.
  const editingRef = useRef<Editing | null>(null);
  const setEditing = (next: Editing | null) => {
    editingRef.current = next;
    setEditingState(next);
  };
  const [editError, setEditError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const dragging = useRef(false);
  // Enter commits and moves focus back to the grid, which blurs the editor: commit once only.
  const busy = useRef(false);

  const rowCount = model.rows.length;
  const colCount = model.columns.length;

  const rows = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    overscan: 6,
  });
  const cols = useVirtualizer({
    horizontal: true,
    count: colCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => colWidth,
    paddingStart: rowHeaderWidth,
    scrollPaddingStart: rowHeaderWidth,
    overscan: 3,
  });

  // Keep the active cell inside the grid when the model shrinks (another period, another view).
  useEffect(() => {
    setActive((a) => ({ row: clamp(a.row, 0, Math.max(0, rowCount - 1)), col: clamp(a.col, 0, Math.max(0, colCount - 1)) }));
    setAnchor((a) => ({ row: clamp(a.row, 0, Math.max(0, rowCount - 1)), col: clamp(a.col, 0, Math.max(0, colCount - 1)) }));
  }, [rowCount, colCount]);

  const { onActiveChange } = props;
  useEffect(() => {
    if (rowCount === 0 || colCount === 0) return;
    const c = model.cell(active.row, active.col);
    onActiveChange?.(active, c.meta, c.readOnly);
  }, [active, model, onActiveChange, rowCount, colCount]);

  useLayoutEffect(() => {
    if (editing) inputRef.current?.focus();
  }, [editing]);

  const focusGrid = () => scrollRef.current?.focus({ preventScroll: true });

  const moveTo = useCallback(
    (row: number, col: number, extend = false) => {
      const next = { row: clamp(row, 0, rowCount - 1), col: clamp(col, 0, colCount - 1) };
      setActive(next);
      if (!extend) setAnchor(next);
      rows.scrollToIndex(next.row, { align: 'auto' });
      cols.scrollToIndex(next.col, { align: 'auto' });
    },
    [rowCount, colCount, rows, cols],
  );

  // Opened at a unit and indicator from elsewhere (the dashboard): select that cell once the model holds it.
  const focusDone = useRef(-1);
  const { focus } = props;
  useEffect(() => {
    if (!focus || focusDone.current === focus.seq) return;
    const row = focus.rowKey ? model.rows.findIndex((r) => r.key === focus.rowKey) : 0;
    const col = focus.colKey ? model.columns.findIndex((c) => c.key === focus.colKey) : 0;
    if (row < 0 || col < 0) return;
    focusDone.current = focus.seq;
    moveTo(row, col);
    focusGrid();
  }, [focus, model, moveTo]);

  const range = {
    top: Math.min(active.row, anchor.row),
    bottom: Math.max(active.row, anchor.row),
    left: Math.min(active.col, anchor.col),
    right: Math.max(active.col, anchor.col),
  };
  const inRange = (r: number, c: number) => r >= range.top && r <= range.bottom && c >= range.left && c <= range.right;

  const startEdit = (mode: Editing['mode'], text?: string) => {
    const cell = model.cell(active.row, active.col);
    if (!cell.meta) return;
    if (cell.readOnly) {
      props.onReadOnly(cell.readOnly);
      return;
    }
    const initial = text ?? valueText(cell.meta);
    setEditing({ pos: active, text: initial, mode });
    const check = text === undefined ? null : liveCheck(cell.meta, initial);
    setEditError(check?.text ?? null);
  };

  /** Commits the editor; on success moves by (dr, dc). */
  const commitEdit = async (dr: number, dc: number) => {
    const editing = editingRef.current;
    if (!editing || busy.current) return;
    const cell = model.cell(editing.pos.row, editing.pos.col);
    const meta = cell.meta;
    if (!meta) return;
    busy.current = true;
    try {
      const unchanged = editing.text.trim() === valueText(meta);
      if (!unchanged) {
        setPending(true);
        const outcome = await props.onCommit([{ meta, text: editing.text }], `${meta.unitName} · ${meta.indicator.name}`);
        setPending(false);
        if (!outcome.ok && outcome.error) {
          setEditError(outcome.error);
          requestAnimationFrame(() => inputRef.current?.focus());
          return;
        }
        // Cancelled (the user declined to add a note or confirm): the value stays as it was.
      }
      setEditing(null);
      setEditError(null);
      focusGrid();
      moveTo(editing.pos.row + dr, editing.pos.col + dc);
    } finally {
      busy.current = false;
    }
  };

  const cancelEdit = () => {
    // Moving focus back blurs the editor; the blur must not commit what Esc cancelled.
    busy.current = true;
    setEditing(null);
    setEditError(null);
    focusGrid();
    busy.current = false;
  };

  const editableInRange = (): CellInput[] => {
    const out: CellInput[] = [];
    for (let r = range.top; r <= range.bottom; r++)
      for (let c = range.left; c <= range.right; c++) {
        const cell = model.cell(r, c);
        if (cell.meta && !cell.readOnly && cell.meta.value != null) out.push({ meta: cell.meta, text: '' });
      }
    return out;
  };

  const onGridKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.target !== scrollRef.current || rowCount === 0) return;
    const open = editingRef.current;
    if (open) {
      // The editor is open but not focused yet: keep typing into it, let Enter/Tab/Esc act on it.
      if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        const text = open.text + e.key;
        setEditing({ ...open, text });
        const meta = model.cell(open.pos.row, open.pos.col).meta;
        setEditError(meta ? (liveCheck(meta, text)?.text ?? null) : null);
      } else onEditorKeyDown(e as unknown as ReactKeyboardEvent<HTMLInputElement>);
      return;
    }
    const ctrl = e.ctrlKey || e.metaKey;
    const k = e.key;
    const step = (dr: number, dc: number) => {
      e.preventDefault();
      if (e.shiftKey && k.startsWith('Arrow')) moveTo(active.row + dr, active.col + dc, true);
      else moveTo(active.row + dr, active.col + dc);
    };
    if (ctrl && (k === 'z' || k === 'Z') && !e.shiftKey) {
      e.preventDefault();
      props.onUndo();
    } else if (ctrl && (k === 'y' || k === 'Y' || ((k === 'z' || k === 'Z') && e.shiftKey))) {
      e.preventDefault();
      props.onRedo();
    } else if (ctrl && (k === 'a' || k === 'A')) {
      e.preventDefault();
      setAnchor({ row: 0, col: 0 });
      setActive({ row: rowCount - 1, col: colCount - 1 });
    } else if (ctrl && k === 'Home') step(-active.row, -active.col);
    else if (ctrl && k === 'End') step(rowCount - 1 - active.row, colCount - 1 - active.col);
    else if (ctrl) {
      // Ctrl+C / Ctrl+V arrive as copy / paste events.
    } else if (k === 'ArrowUp') step(-1, 0);
    else if (k === 'ArrowDown') step(1, 0);
    else if (k === 'ArrowLeft') step(0, -1);
    else if (k === 'ArrowRight') step(0, 1);
    else if (k === 'Tab') step(0, e.shiftKey ? -1 : 1);
    else if (k === 'Enter') step(e.shiftKey ? -1 : 1, 0);
    else if (k === 'Home') step(0, -active.col);
    else if (k === 'End') step(0, colCount - 1 - active.col);
    else if (k === 'PageDown') step(Math.max(1, Math.floor(height / ROW_HEIGHT) - 2), 0);
    else if (k === 'PageUp') step(-Math.max(1, Math.floor(height / ROW_HEIGHT) - 2), 0);
    else if (k === 'F2') {
      e.preventDefault();
      startEdit('edit');
    } else if (k === 'Delete' || k === 'Backspace') {
      e.preventDefault();
      const inputs = editableInRange();
      if (inputs.length) void props.onCommit(inputs, '清除');
    } else if (k.length === 1 && !e.altKey) {
      e.preventDefault();
      startEdit('enter', k);
    }
  };

  const onEditorKeyDown = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    const k = e.key;
    if (k === 'Escape') {
      e.preventDefault();
      cancelEdit();
    } else if (k === 'Enter') {
      e.preventDefault();
      void commitEdit(e.shiftKey ? -1 : 1, 0);
    } else if (k === 'Tab') {
      e.preventDefault();
      void commitEdit(0, e.shiftKey ? -1 : 1);
    } else if (editingRef.current?.mode === 'enter' && k.startsWith('Arrow')) {
      e.preventDefault();
      const d = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[k] ?? [0, 0];
      void commitEdit(d[0], d[1]);
    }
  };

  const onCopy = (e: ReactClipboardEvent<HTMLDivElement>) => {
    if (editing) return;
    const out: string[][] = [];
    for (let r = range.top; r <= range.bottom; r++) {
      const line: string[] = [];
      for (let c = range.left; c <= range.right; c++) line.push(valueText(model.cell(r, c).meta));
      out.push(line);
    }
    e.clipboardData.setData('text/plain', formatTsv(out));
    e.preventDefault();
    props.onNotice(`已复制 ${out.length} 行 × ${out[0]?.length ?? 0} 列`);
  };

  const onPaste = (e: ReactClipboardEvent<HTMLDivElement>) => {
    if (editing) return;
    e.preventDefault();
    const block = parseTsv(e.clipboardData.getData('text/plain'));
    if (block.length === 0) return;
    // One value pasted over a selection fills it, as in Excel.
    const fill = block.length === 1 && block[0].length === 1;
    const height = fill ? range.bottom - range.top + 1 : block.length;
    const width = fill ? range.right - range.left + 1 : Math.max(...block.map((r) => r.length));
    const inputs: CellInput[] = [];
    let skipped = 0;
    for (let i = 0; i < height; i++)
      for (let j = 0; j < width; j++) {
        const r = range.top + i;
        const c = range.left + j;
        if (r >= rowCount || c >= colCount) {
          skipped++;
          continue;
        }
        const text = fill ? block[0][0] : (block[i]?.[j] ?? '');
        const cell = model.cell(r, c);
        if (!cell.meta || cell.readOnly) {
          if (text.trim() !== '') skipped++;
          continue;
        }
        if (text.trim() === valueText(cell.meta)) continue;
        inputs.push({ meta: cell.meta, text });
      }
    setAnchor({ row: range.top, col: range.left });
    setActive({ row: Math.min(rowCount - 1, range.top + height - 1), col: Math.min(colCount - 1, range.left + width - 1) });
    if (skipped) props.onNotice(`${skipped} 个单元格只读或超出表格范围，已跳过`);
    if (inputs.length) void props.onCommit(inputs, `粘贴 ${height}×${width}`);
  };

  const onCellMouseDown = (r: number, c: number, e: React.MouseEvent) => {
    if (editing) {
      if (editing.pos.row === r && editing.pos.col === c) return;
      void commitEdit(0, 0);
    }
    e.preventDefault();
    focusGrid();
    if (e.shiftKey) setActive({ row: r, col: c });
    else {
      setActive({ row: r, col: c });
      setAnchor({ row: r, col: c });
    }
    dragging.current = true;
  };

  useEffect(() => {
    const up = () => (dragging.current = false);
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);

  const totalWidth = cols.getTotalSize();
  const totalHeight = rows.getTotalSize();
  const vRows = rows.getVirtualItems();
  const vCols = cols.getVirtualItems();

  return (
    <div
      ref={scrollRef}
      className="tz-grid"
      style={{ height }}
      tabIndex={0}
      role="grid"
      aria-rowcount={rowCount}
      aria-colcount={colCount}
      data-testid="entry-grid"
      onKeyDown={onGridKeyDown}
      onCopy={onCopy}
      onPaste={onPaste}
    >
      <div className="tz-grid-canvas" style={{ width: totalWidth, height: totalHeight }}>
        <div className="tz-grid-header" style={{ width: totalWidth, height: HEADER_HEIGHT }}>
          <div className="tz-grid-corner" style={{ width: rowHeaderWidth, height: HEADER_HEIGHT }}>
            {model.corner}
          </div>
          {vCols.map((c) => {
            const col = model.columns[c.index];
            return (
              <div
                key={col.key}
                className={`tz-grid-colhead${c.index >= range.left && c.index <= range.right ? ' is-sel' : ''}`}
                style={{ left: c.start, width: c.size, height: HEADER_HEIGHT }}
                title={col.title}
                data-testid="grid-colhead"
              >
                <div className="tz-grid-colhead-title">{col.title}</div>
                {col.subtitle ? <div className="tz-grid-colhead-sub">{col.subtitle}</div> : null}
              </div>
            );
          })}
        </div>
        {vRows.map((r) => {
          const row = model.rows[r.index];
          return (
            <div
              key={row.key}
              className={`tz-grid-row${row.emphasis ? ' is-parent' : ''}`}
              style={{ top: r.start, height: r.size, width: totalWidth }}
              role="row"
              data-testid="grid-row"
              data-row-title={row.title}
            >
              <div
                className={`tz-grid-rowhead${r.index >= range.top && r.index <= range.bottom ? ' is-sel' : ''}`}
                style={{ width: rowHeaderWidth, height: r.size }}
                title={row.title}
              >
                <div className="tz-grid-rowhead-title">{row.title}</div>
                {row.subtitle ? <div className="tz-grid-rowhead-sub">{row.subtitle}</div> : null}
              </div>
              {vCols.map((c) => {
                const cell = model.cell(r.index, c.index);
                const meta = cell.meta;
                const isActive = active.row === r.index && active.col === c.index;
                const isEditing = editing && editing.pos.row === r.index && editing.pos.col === c.index;
                const status = meta && meta.value != null ? meta.status : 'none';
                const cls = [
                  'tz-grid-cell',
                  isActive ? 'is-active' : '',
                  inRange(r.index, c.index) && !isActive ? 'is-sel' : '',
                  !meta ? 'is-empty' : '',
                  cell.readOnly ? 'is-readonly' : '',
                  meta?.source === 'sum' || meta?.source === 'partial_sum' ? 'is-sum' : '',
                ]
                  .filter(Boolean)
                  .join(' ');
                return (
                  <div
                    key={model.columns[c.index].key}
                    className={cls}
                    style={{ left: c.start, width: c.size, height: r.size }}
                    role="gridcell"
                    data-testid="grid-cell"
                    data-row={r.index}
                    data-col={c.index}
                    data-unit={meta?.unitName}
                    data-indicator={meta?.indicator.name}
                    data-period={meta?.period}
                    data-readonly={cell.readOnly ? 'true' : 'false'}
                    data-value={meta?.value ?? ''}
                    title={cell.readOnly ?? meta?.note ?? undefined}
                    onMouseDown={(e) => onCellMouseDown(r.index, c.index, e)}
                    onMouseEnter={() => {
                      if (dragging.current && !editing) setActive({ row: r.index, col: c.index });
                    }}
                    onDoubleClick={() => startEdit('edit')}
                  >
                    {meta ? (
                      <>
                        <div className="tz-cell-value tz-num">
                          {meta.note ? <span className="tz-cell-note" aria-label="有说明" /> : null}
                          {valueText(meta) || <span className="tz-cell-blank">{cell.readOnly ? '' : '—'}</span>}
                        </div>
                        <div className="tz-cell-sub" style={{ color: STATUS_COLOR[status].color }}>
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
                        </div>
                      </>
                    ) : (
                      <div className="tz-cell-na">{cell.readOnly ?? ''}</div>
                    )}
                    {isEditing ? (
                      <input
                        ref={inputRef}
                        className={`tz-cell-editor${editError ? ' has-error' : ''}`}
                        value={editing.text}
                        data-testid="cell-editor"
                        inputMode="decimal"
                        disabled={pending}
                        onMouseDown={(e) => e.stopPropagation()}
                        onChange={(e) => {
                          const text = e.target.value;
                          setEditing({ ...(editingRef.current ?? editing), text });
                          const check = meta ? liveCheck(meta, text) : null;
                          setEditError(check?.text ?? null);
                        }}
                        onKeyDown={onEditorKeyDown}
                        onBlur={() => {
                          // Clicking elsewhere commits, as in Excel; a refused value stays in the editor.
                          if (!pending) void commitEdit(0, 0);
                        }}
                      />
                    ) : null}
                    {isEditing && editError ? (
                      <div
                        className={`tz-cell-msg${meta && liveCheck(meta, editing.text)?.level === 'warning' ? ' is-warning' : ''}`}
                        data-testid="cell-validation"
                        role="alert"
                      >
                        {editError}
                      </div>
                    ) : null}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
