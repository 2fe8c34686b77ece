/**
 * The spreadsheet-like grid of 数据填报 and 指标分解: virtualised in both
 * directions, so 2,000 rows × 40 columns render only what is on screen.
 * Keyboard first, like Excel (../grid/keymap.ts): arrows, Tab, Enter, type to
 * overwrite, F2 to edit, Esc to cancel, Delete to clear, Ctrl+Home / Ctrl+End,
 * Ctrl+Z / Ctrl+Y; Ctrl+C / Ctrl+V with tab-separated blocks (../grid/clipboard.ts).
 * Typing goes through a hidden text box at the active cell (the IME sink), so what a Chinese
 * input method commits — full-width digits １２３, ．, － — starts editing the cell without F2, as a
 * plain key does; the numbers are read by shared/numbers.ts like any other.
 * Generic over its cells: how a cell shows its value, what the rules say of a
 * typed text and the line under the value come from the model. It knows
 * nothing of the API: edits go out through onCommit.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ClipboardEvent as ReactClipboardEvent, KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { LockFilled } from '@ant-design/icons';
import { copyBlock, planPaste, rangeOf } from '../grid/clipboard';
import { editorKeyAction, gridKeyAction, keyPressOf, type EditMode } from '../grid/keymap';
import type { CellInput, CommitOutcome, GridModel, Pos } from '../grid/model';
import './entry.css';

export type { CommitOutcome } from '../grid/model';

interface EntryGridProps<M> {
  model: GridModel<M>;
  onCommit(inputs: CellInput<M>[], label: string): Promise<CommitOutcome>;
  onUndo(): void;
  onRedo(): void;
  onActiveChange?(pos: Pos, meta: M | null, readOnly: string | null): void;
  onReadOnly(reason: string): void;
  onNotice(text: string): void;
  height: number;
  rowHeaderWidth?: number;
  colWidth?: number;
  /** When set, columns narrow down to this width so that all of them fit the grid's width (no last column cut at 1366 px). */
  minColWidth?: number;
  /** A cell to select once its row and column are in the model (opened from the dashboard); `seq` asks again. */
  focus?: { rowKey?: string; colKey?: string; seq: number } | null;
  testId?: string;
}

const ROW_HEIGHT = 48;
const HEADER_HEIGHT = 62;

interface Editing {
  pos: Pos;
  text: string;
  mode: EditMode;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

export function EntryGrid<M>(props: EntryGridProps<M>) {
  const { model, height } = props;
  const rowHeaderWidth = props.rowHeaderWidth ?? 176;
  const scrollRef = useRef<HTMLDivElement>(null);
  // The grid's own width: columns fit it when they can (down to minColWidth); else it scrolls sideways,
  // the unit column and the header row staying in place (sticky).
  const [boxWidth, setBoxWidth] = useState(0);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setBoxWidth(el.clientWidth);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const wanted = props.colWidth ?? 156;
  const fit = model.columns.length ? Math.floor((boxWidth - rowHeaderWidth - 12) / model.columns.length) : wanted;
  const colWidth = props.minColWidth && boxWidth > 0 && fit < wanted ? (fit >= props.minColWidth ? fit : wanted) : wanted;
  const inputRef = useRef<HTMLInputElement>(null);
  /** The hidden text box that holds the grid's keyboard focus, so input methods have somewhere to type. */
  const sinkRef = useRef<HTMLTextAreaElement>(null);
  const composing = useRef(false);
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
  const textOf = (meta: M | null) => (meta == null ? '' : model.valueText(meta));

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

  // Column widths follow the grid's width.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new column width (colWidth) is what makes the virtualiser measure again
  useEffect(() => cols.measure(), [colWidth, cols]);

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

  // The editor has the focus while it is open — also again once a refused value's check is over: the
  // input is disabled while the core checks it, and a disabled input cannot take the focus, so
  // focusing it from a timer could come before React had enabled it (the test saw the focus lost).
  useLayoutEffect(() => {
    if (editing && !pending) inputRef.current?.focus();
  }, [editing, pending]);
  // …and when the editor's input is mounted again while it is open: a re-layout of the page above the
  // grid (a banner, a reload) can unmount and remount the open editor's cell, and the new input would
  // otherwise be left without the focus, the keys going nowhere.
  const pendingRef = useRef(pending);
  pendingRef.current = pending;
  const editorRef = useCallback((el: HTMLInputElement | null) => {
    inputRef.current = el;
    if (el && !pendingRef.current && el.ownerDocument.activeElement !== el) el.focus();
  }, []);

  // A single space, selected: copy (Ctrl+C) has a selection to fire on, and what an input method commits replaces it.
  const primeSink = () => {
    const sink = sinkRef.current;
    if (!sink) return;
    sink.value = ' ';
    sink.select();
  };
  const focusGrid = () => {
    const sink = sinkRef.current;
    if (!sink) return scrollRef.current?.focus({ preventScroll: true });
    sink.focus({ preventScroll: true });
    primeSink();
  };

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
  // biome-ignore lint/correctness/useExhaustiveDependencies: focusGrid only touches refs; a new one each render must not re-run this
  useEffect(() => {
    if (!focus || focusDone.current === focus.seq) return;
    const row = focus.rowKey ? model.rows.findIndex((r) => r.key === focus.rowKey) : 0;
    const col = focus.colKey ? model.columns.findIndex((c) => c.key === focus.colKey) : 0;
    if (row < 0 || col < 0) return;
    focusDone.current = focus.seq;
    moveTo(row, col);
    focusGrid();
  }, [focus, model, moveTo]);

  const range = rangeOf(active, anchor);
  const inRange = (r: number, c: number) => r >= range.top && r <= range.bottom && c >= range.left && c <= range.right;

  const startEdit = (mode: EditMode, text?: string) => {
    const cell = model.cell(active.row, active.col);
    if (!cell.meta) return;
    if (cell.readOnly) {
      props.onReadOnly(cell.readOnly);
      return;
    }
    const initial = text ?? textOf(cell.meta);
    setEditing({ pos: active, text: initial, mode });
    const check = text === undefined ? null : model.check(cell.meta, initial);
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
      const unchanged = editing.text.trim() === textOf(meta);
      if (!unchanged) {
        setPending(true);
        const outcome = await props.onCommit([{ meta, text: editing.text }], model.place(meta));
        setPending(false);
        if (!outcome.ok && outcome.error) {
          setEditError(outcome.error);
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

  const editableInRange = (): CellInput<M>[] => {
    const out: CellInput<M>[] = [];
    for (let r = range.top; r <= range.bottom; r++)
      for (let c = range.left; c <= range.right; c++) {
        const cell = model.cell(r, c);
        if (cell.meta && !cell.readOnly && textOf(cell.meta) !== '') out.push({ meta: cell.meta, text: '' });
      }
    return out;
  };

  const onGridKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if ((e.target !== scrollRef.current && e.target !== sinkRef.current) || rowCount === 0) return;
    // An input method is composing in the sink: its keys are its own until it commits.
    if (composing.current || e.key === 'Process' || e.nativeEvent.isComposing) return;
    const open = editingRef.current;
    if (open) {
      // The editor is open but not focused yet: keep typing into it, let Enter/Tab/Esc act on it.
      if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        const text = open.text + e.key;
        setEditing({ ...open, text });
        const meta = model.cell(open.pos.row, open.pos.col).meta;
        setEditError(meta ? (model.check(meta, text)?.text ?? null) : null);
      } else onEditorKeyDown(e as unknown as ReactKeyboardEvent<HTMLInputElement>);
      return;
    }
    const action = gridKeyAction(keyPressOf(e), { active, rowCount, colCount, pageRows: Math.floor(height / ROW_HEIGHT) - 2 });
    switch (action.kind) {
      case 'none':
        return; // Ctrl+C / Ctrl+V arrive as copy / paste events.
      case 'move':
        e.preventDefault();
        moveTo(action.to.row, action.to.col, action.extend);
        return;
      case 'undo':
        e.preventDefault();
        props.onUndo();
        return;
      case 'redo':
        e.preventDefault();
        props.onRedo();
        return;
      case 'selectAll':
        e.preventDefault();
        setAnchor({ row: 0, col: 0 });
        setActive({ row: rowCount - 1, col: colCount - 1 });
        return;
      case 'edit':
        e.preventDefault();
        startEdit('edit');
        return;
      case 'clear': {
        e.preventDefault();
        const inputs = editableInRange();
        if (inputs.length) void props.onCommit(inputs, '清除');
        return;
      }
      case 'type':
        e.preventDefault();
        startEdit('enter', action.text);
        return;
    }
  };

  /** Text an input method (or a key without a keydown) put into the sink: it starts editing the active cell. */
  const takeTyped = (value: string) => {
    const text = value.replace(/^ /, '').replace(/[\r\n\t]/g, '');
    primeSink();
    if (!text || editingRef.current) return;
    startEdit('enter', text);
  };

  const onEditorKeyDown = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    const action = editorKeyAction(keyPressOf(e), editingRef.current?.mode ?? 'edit');
    if (action.kind === 'cancel') {
      e.preventDefault();
      cancelEdit();
    } else if (action.kind === 'commit') {
      e.preventDefault();
      void commitEdit(action.dr, action.dc);
    }
  };

  const onCopy = (e: ReactClipboardEvent<HTMLDivElement>) => {
    if (editing) return;
    const block = copyBlock(range, (r, c) => textOf(model.cell(r, c).meta));
    e.clipboardData.setData('text/plain', block.text);
    e.preventDefault();
    props.onNotice(`已复制 ${block.rows} 行 × ${block.cols} 列`);
  };

  const onPaste = (e: ReactClipboardEvent<HTMLDivElement>) => {
    if (editing) return;
    e.preventDefault();
    const plan = planPaste(e.clipboardData.getData('text/plain'), range, { rowCount, colCount }, (r, c) => {
      const cell = model.cell(r, c);
      return { writable: Boolean(cell.meta) && !cell.readOnly, current: textOf(cell.meta) };
    });
    if (!plan) return;
    setAnchor(plan.anchor);
    setActive(plan.active);
    if (plan.skipped) props.onNotice(`${plan.skipped} 个单元格只读或超出表格范围，已跳过`);
    const inputs = plan.writes.map((w) => ({ meta: model.cell(w.row, w.col).meta as M, text: w.text }));
    if (inputs.length) void props.onCommit(inputs, `粘贴 ${plan.rows}×${plan.cols}`);
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
      data-testid={props.testId ?? 'entry-grid'}
      onKeyDown={onGridKeyDown}
      onCopy={onCopy}
      onPaste={onPaste}
      onFocus={(e) => {
        // Focus given to the grid itself (a click on its frame, Tab from the page) goes to the sink.
        if (e.target === scrollRef.current) focusGrid();
      }}
    >
      <textarea
        ref={sinkRef}
        className="tz-grid-ime"
        aria-label="在选中的单元格中输入"
        data-testid="grid-ime"
        tabIndex={-1}
        rows={1}
        spellCheck={false}
        autoComplete="off"
        style={{ top: (rows.getVirtualItems().find((r) => r.index === active.row)?.start ?? HEADER_HEIGHT) + 4, left: (cols.getVirtualItems().find((c) => c.index === active.col)?.start ?? rowHeaderWidth) + 4 }}
        onCompositionStart={() => (composing.current = true)}
        onCompositionEnd={(e) => {
          composing.current = false;
          takeTyped(e.currentTarget.value);
        }}
        onInput={(e) => {
          if (!composing.current) takeTyped(e.currentTarget.value);
        }}
      />
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
                className={`tz-grid-colhead${c.index >= range.left && c.index <= range.right ? ' is-sel' : ''}${col.tone ? ` tone-${col.tone}` : ''}`}
                style={{ left: c.start, width: c.size, height: HEADER_HEIGHT }}
                title={col.subtitle ? `${col.title}\n${col.subtitle}` : col.title}
                data-testid="grid-colhead"
                data-tone={col.tone}
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
                const face = meta ? model.face(meta, cell.readOnly) : null;
                const isActive = active.row === r.index && active.col === c.index;
                const isEditing = editing && editing.pos.row === r.index && editing.pos.col === c.index;
                const cls = [
                  'tz-grid-cell',
                  isActive ? 'is-active' : '',
                  inRange(r.index, c.index) && !isActive ? 'is-sel' : '',
                  !meta ? 'is-empty' : '',
                  cell.readOnly ? 'is-readonly' : '',
                  cell.locked ? 'is-locked' : '',
                  face?.className ?? '',
                ]
                  .filter(Boolean)
                  .join(' ');
                const shown = textOf(meta);
                return (
                  <div
                    key={model.columns[c.index].key}
                    className={cls}
                    style={{ left: c.start, width: c.size, height: r.size }}
                    role="gridcell"
                    data-testid="grid-cell"
                    data-row={r.index}
                    data-col={c.index}
                    data-readonly={cell.readOnly ? 'true' : 'false'}
                    data-locked={cell.locked ? 'true' : undefined}
                    {...model.attributes(meta)}
                    title={cell.readOnly ?? face?.title ?? undefined}
                    onMouseDown={(e) => onCellMouseDown(r.index, c.index, e)}
                    onMouseEnter={() => {
                      if (dragging.current && !editing) setActive({ row: r.index, col: c.index });
                    }}
                    onDoubleClick={() => startEdit('edit')}
                  >
                    {meta ? (
                      <>
                        <div className="tz-cell-value tz-num">
                          {cell.locked ? <LockFilled className="tz-cell-lock" aria-label="已锁定" /> : null}
                          {face?.noted ? <span className="tz-cell-note" title="有说明" /> : null}
                          {shown || <span className="tz-cell-blank">{cell.readOnly ? '' : '—'}</span>}
                        </div>
                        {face?.sub ?? null}
                      </>
                    ) : (
                      <div className="tz-cell-na">{cell.readOnly ?? ''}</div>
                    )}
                    {isEditing ? (
                      <input
                        ref={editorRef}
                        className={`tz-cell-editor${editError ? ' has-error' : ''}`}
                        value={editing.text}
                        data-testid="cell-editor"
                        inputMode="decimal"
                        disabled={pending}
                        onMouseDown={(e) => e.stopPropagation()}
                        onChange={(e) => {
                          const text = e.target.value;
                          setEditing({ ...(editingRef.current ?? editing), text });
                          const check = meta ? model.check(meta, text) : null;
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
                        className={`tz-cell-msg${meta && model.check(meta, editing.text)?.level === 'warning' ? ' is-warning' : ''}`}
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
