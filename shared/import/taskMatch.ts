/**
 * Which existing task (or action line) a re-imported row is. Progress
 * (任务进展) hangs on the task's id, so a table with a task inserted as No. 2
 * must not shift every later task's progress onto different content: rows are
 * matched by their normalised content first, and only the rows left over are
 * matched by position (a corrected typo keeps its progress).
 */

/**
 * Content as a matching key: full/half width folded, no whitespace, no
 * punctuation or symbols ("推进数字经济“一号发展工程”，" = "推进数字经济一号发展工程").
 */
export function contentKey(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .toLowerCase();
}

/**
 * For each new item, the index of the old item it continues, or null (a new
 * item). Pass 1 pairs equal keys in order (duplicates pair first with first).
 * Pass 2 pairs each row left over with the old item that stands right after
 * the old item of the row before it, when that one is still free — so within
 * a stretch between content matches, rows pair up by position. Old items
 * never paired are the ones removed.
 */
export function matchByContent(oldKeys: readonly string[], newKeys: readonly string[]): (number | null)[] {
  return matchTaskRows(oldKeys, newKeys).match;
}

export interface RowMatch {
  /** Per new item: the old item it continues, or null. */
  match: (number | null)[];
  /** Per new item: paired by equal content (true) or by position (false; null items false too). */
  byContent: boolean[];
  /** How many new items found their old one by content. */
  contentMatched: number;
}

/**
 * matchByContent with the detail the preview needs: which pairs are by
 * content and which by position (a reworded task, 改写). `positional: false`
 * pairs by content only — for a table that replaces the plan's tasks, where
 * a row's position says nothing about which old task it continues.
 */
export function matchTaskRows(oldKeys: readonly string[], newKeys: readonly string[], positional = true): RowMatch {
  const queues = new Map<string, number[]>();
  oldKeys.forEach((k, i) => {
    const q = queues.get(k);
    if (q) q.push(i);
    else queues.set(k, [i]);
  });
  const used = new Set<number>();
  const match: (number | null)[] = newKeys.map((k) => {
    const q = queues.get(k);
    const i = q?.shift();
    if (i === undefined) return null;
    used.add(i);
    return i;
  });
  const byContent = match.map((m) => m !== null);
  const contentMatched = byContent.filter(Boolean).length;
  if (!positional) return { match, byContent, contentMatched };
  let cursor = 0;
  match.forEach((m, n) => {
    if (m !== null) {
      cursor = m + 1;
      return;
    }
    if (cursor < oldKeys.length && !used.has(cursor)) {
      match[n] = cursor;
      used.add(cursor);
      cursor += 1;
    }
  });
  return { match, byContent, contentMatched };
}
