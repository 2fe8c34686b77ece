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
