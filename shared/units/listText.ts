/**
 * A task's 牵头单位 / 责任单位 as written ("区科工局、区发改委，各街道、镇、集聚区")
 * kept true when a unit is renamed or merged, or a group phrase is reworded:
 * the name is replaced where it stands as a whole item of the list, the
 * separators as written stay, and a name that would then appear twice is
 * written once. Pure; the core rewrites the stored texts with it.
 */
import { normaliseUnitName } from './normalise';

const SEPARATOR = /([、，,；;]+)/;

/** `text` with the list item `from` replaced by `to` (a merge: `to` written once). Unchanged when `from` is not an item. */
export function replaceUnitInList(text: string, from: string, to: string): string {
  const parts = text.split(SEPARATOR);
  const wanted = normaliseUnitName(from);
  let changed = false;
  for (let i = 0; i < parts.length; i += 2) {
    if (normaliseUnitName(parts[i]) === wanted) {
      parts[i] = to;
      changed = true;
    }
  }
  if (!changed) return text;
  // Each item once: a later repeat goes with the separator before it (the first item's with the one after).
  const seen = new Set<string>();
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const key = normaliseUnitName(parts[i]);
    if (key && seen.has(key)) continue;
    if (key) seen.add(key);
    if (out.length) out.push(parts[i - 1] ?? '、');
    out.push(parts[i]);
  }
  return out.join('');
}

/** `text` with the group phrase `from` (which holds 、 itself) replaced by `to` wherever it is written whole. */
export function replacePhraseInList(text: string, from: string, to: string): string {
  if (!from || from === to) return text;
  return text.split(from).join(to);
}

/** A 责任单位 list as documents write it: names by 、, a group phrase (itself holding 、) set off by ，. */
export function joinUnitList(items: string[], phrases: ReadonlySet<string>): string {
  return items.reduce((text, item, i) => (i === 0 ? item : `${text}${phrases.has(item) || phrases.has(items[i - 1]) ? '，' : '、'}${item}`), '');
}
