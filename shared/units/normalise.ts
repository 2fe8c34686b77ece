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
  const s = [...a];
  const t = [...b];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = cur;
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
  if (short.length < 2 || short.length >= long.length) return false;
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length && long.startsWith(short[0]);
}

/**
 * Names to suggest for one the tree does not know, best first: the names it
 * is a short form of (how people write 洪都 for 洪都街道), then the closest
 * spellings. Only suggested — a short form may fit more than one unit.
 */
export function suggestUnitNames(name: string, known: string[], limit = 3): string[] {
  const n = normaliseUnitName(name);
  if (!n || n.length > SUGGEST_MAX_LENGTH) return [];
  const short = known.filter((k) => isShortFormOf(n, normaliseUnitName(k))).sort((a, b) => a.length - b.length);
  const near = closestNames(n, known, limit).filter((k) => !short.includes(k));
  return [...short, ...near].slice(0, limit);
}
