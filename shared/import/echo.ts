/**
 * User text echoed in a message is cut to a readable length: a unit name of a
 * million characters must not make a 3 MB message (issue 11). The cut never
 * splits a character; the length said is in UTF-16 units (the same as
 * characters for Chinese text), so it costs nothing on a huge string.
 */
export const ECHO_MAX = 30;

export function echo(text: string, max = ECHO_MAX): string {
  if (text.length <= max) return text;
  const head = Array.from(text.slice(0, max * 2)).slice(0, max).join('');
  if (head.length >= text.length) return text;
  const total = text.length >= 100_000 ? `约${Math.round(text.length / 10_000)}万` : String(text.length);
  return `${head}…（共${total}字）`;
}
