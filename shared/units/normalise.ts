/**
 * Unit names as tables write them: broken over lines ("区\n商务局"), with
 * stray spaces, full-width letters or brackets. Matching compares the
 * normalised form; what is shown keeps the tree's own name.
 */

/** Full-width ASCII (Ａ-Ｚ, ０-９, （）) to half-width, then no whitespace at all. */
export function normaliseUnitName(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\s+/g, '')
    .trim();
}

/** Separators between names in a 责任单位 cell: 、，, ；; and whitespace-only breaks. */
export const NAME_SEPARATORS = /[、，,；;]+/;

/** Levenshtein distance on code points, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  // Names are almost always in the BMP: compare UTF-16 units without spreading the strings into arrays.
  if (SURROGATE.test(a) || SURROGATE.test(b)) return distance([...a], [...b]);
  return distance(a, b);
}

const SURROGATE = /[\uD800-\uDFFF]/;
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

function distance(s: ArrayLike<string>, t: ArrayLike<string>): number {
  if (rowA.length <= t.length) {
    rowA = new Int32Array(t.length + 1);
    rowB = new Int32Array(t.length + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    const si = s[i - 1];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (si === t[j - 1] ? 0 : 1));
    }
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  return prev[t.length];
}

/** Up to `limit` known names closest to `name`, closest first; only reasonably close ones. */
export function closestNames(name: string, known: string[], limit = 3): string[] {
  const n = normaliseUnitName(name);
  return known
    .map((k) => ({ k, d: editDistance(n, normaliseUnitName(k)) }))
    .filter(({ k, d }) => d <= Math.max(2, Math.ceil(Math.max(n.length, k.length) / 2)))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k, 'zh-CN'))
    .slice(0, limit)
    .map(({ k }) => k);
}

/** Longer than any unit name: no suggestion is worth its cost (an edit distance over a million characters). */
const SUGGEST_MAX_LENGTH = 40;

/** `short` is `long` with characters left out, in order: 洪都 in 洪都街道, 新经济集聚区 in 新经济产业集聚区. */
function isShortFormOf(short: string, long: string): boolean {
  if (short.length < 2 || short.length >= long.length || long[0] !== short[0]) return false;
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++;
  return i === short.length;
}

/**
 * Names to suggest for one the tree does not know, best first: the names it
 * is a short form of (how people write 洪都 for 洪都街道), then the closest
 * spellings (as closestNames). Only suggested — a short form may fit more
 * than one unit.
 */
export function suggestUnitNames(name: string, known: string[], limit = 3): string[] {
  return unitNameSuggester(known)(name, limit);
}

/**
 * suggestUnitNames with the known names prepared once: an import asks for
 * every unknown name, and a plan may have thousands of units. Pairs whose
 * characters differ too much for the distance limit are skipped before the
 * edit distance is computed (the distance is at least the longer length less
 * the characters they share).
 */
export function unitNameSuggester(known: string[]): (name: string, limit?: number) => string[] {
  const keys = known.map((k) => {
    const key = normaliseUnitName(k);
    return { name: k, key, codes: sortedCodes(key) };
  });
  return (name, limit = 3) => {
    const n = normaliseUnitName(name);
    if (!n || n.length > SUGGEST_MAX_LENGTH) return [];
    const own = sortedCodes(n);
    const short: string[] = [];
    const near: { k: string; d: number }[] = [];
    for (const { name: k, key, codes } of keys) {
      if (isShortFormOf(n, key)) {
        short.push(k);
        continue;
      }
      const longer = Math.max(n.length, key.length);
      const max = Math.max(2, Math.ceil(longer / 2));
      if (Math.abs(n.length - key.length) > max || longer - sharedCount(own, codes) > max) continue;
      const d = editDistance(n, key);
      if (d <= max) near.push({ k, d });
    }
    short.sort((a, b) => a.length - b.length);
    near.sort((a, b) => a.d - b.d || ZH.compare(a.k, b.k));
    return [...short, ...near.map((x) => x.k)].slice(0, limit);
  };
}

/** One collator for every comparison (localeCompare with a locale builds one per call). */
const ZH = new Intl.Collator('zh-CN');

function sortedCodes(text: string): number[] {
  const codes: number[] = [];
  for (let i = 0; i < text.length; i++) codes.push(text.charCodeAt(i));
  return codes.sort((a, b) => a - b);
}

/** Characters two names share (with repeats), from their sorted codes: no edit distance is below length − shared. */
function sharedCount(a: number[], b: number[]): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared;
}
