/**
 * The note each cell needs before it can be saved (a cumulative value lower
 * than last month's). A pasted block may hold several such cells: each gets
 * its own note, because the history keeps the note with that cell; one
 * button copies the first note to the others when the reason is the same.
 */
import { useState } from 'react';
import { Button, Input } from 'antd';

export interface NoteRequest {
  /** Where: "洪都街道 · 技术合同成交额（2022年1-9月）". */
  place: string;
  /** Why a note is needed. */
  reason: string;
}

export function NotesForm({ requests, notes }: { requests: NoteRequest[]; notes: string[] }) {
  const [values, setValues] = useState<string[]>(() => requests.map(() => ''));
  const set = (next: string[]) => {
    next.forEach((v, i) => (notes[i] = v));
    setValues(next);
  };
  const single = requests.length === 1;
  return (
    <div data-testid="note-dialog">
      {single ? null : (
        <p className="tz-muted" style={{ marginBottom: 8 }}>
          以下 {requests.length} 个单元格各需一条说明，说明与该单元格一起记入修改记录。
        </p>
      )}
      {requests.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the requests of one save, fixed while the dialog is open; notes are kept by index
        <div key={i} style={{ marginBottom: 12 }} data-testid="note-request">
          {single ? null : <div style={{ fontWeight: 600 }}>{r.place}</div>}
          <p style={{ margin: '2px 0 6px' }}>{r.reason}</p>
          <Input.TextArea
            autoFocus={i === 0}
            rows={2}
            maxLength={500}
            value={values[i]}
            placeholder="例如：核减一笔重复登记的合同"
            aria-label={single ? '说明' : `说明：${r.place}`}
            onChange={(e) => set(values.map((v, k) => (k === i ? e.target.value : v)))}
          />
        </div>
      ))}
      {single ? null : (
        <Button size="small" disabled={!values[0]?.trim()} onClick={() => set(values.map((v, k) => (k === 0 || !v.trim() ? values[0] : v)))}>
          将第一条说明填入其余空白单元格
        </Button>
      )}
    </div>
  );
}
