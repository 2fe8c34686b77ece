/**
 * Text a user typed or a file held, echoed back in a message, cut to a
 * readable length: a unit name of a million characters must not become a
 * 3 MB error message. Pure.
 */

/** Longest echoed piece kept whole, in characters. */
export const ECHO_MAX_CHARS = 60;

/** Characters as a person counts them (a surrogate pair is one). */
function countChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** `text` when short; else its start, an ellipsis and the full length: "很长的名称…（共1,000,000字）". */
export function clipText(text: string, max = ECHO_MAX_CHARS): string {
  if (text.length <= max) return text;
  const total = countChars(text);
  if (total <= max) return text;
  // max characters fit in 2 × max UTF-16 units; Array.from keeps surrogate pairs whole.
  const head = Array.from(text.slice(0, max * 2)).slice(0, max).join('');
  return `${head}…（共${total.toLocaleString('en-US')}字）`;
}

/** Every “quoted” piece of a message cut by clipText, so the sentence around it stays readable. */
export function clipQuoted(message: string, max = ECHO_MAX_CHARS): string {
  return message.replace(/“([^”]*)”/g, (whole, inner: string) => (inner.length > max ? `“${clipText(inner, max)}”` : whole));
}

/** Longest message a door shows, in characters, after its quoted pieces are cut. */
export const MESSAGE_MAX_CHARS = 1000;

/** A message ready to show: quoted echoes cut, and the whole bounded. */
export function readableMessage(message: string): string {
  return clipText(clipQuoted(message), MESSAGE_MAX_CHARS);
}
