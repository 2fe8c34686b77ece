/**
 * A tiny SVG writer for the dashboard's printed pages: rectangles, lines and
 * text (escaped, wrapped by estimated width), and ECharts' server-side SVG
 * placed at a position. One text per page that both the PDF (pdfmake's SVG
 * renderer) and the PNG (resvg) draw, so the two exports look alike.
 */

/** A4 landscape in CSS pixels (96 dpi); the PDF scales it to 842 × 595 pt. */
export const PAGE = { width: 1123, height: 794, margin: 36 } as const;

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Estimated width of a text at a font size: CJK and full-width characters one em, the rest about half. */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) <= 0xff ? 0.56 : 1;
  return w * size;
}

/** Breaks a text into lines that fit `width` (at most `maxLines`; the last one ends with … when cut). */
const NO_LINE_START = '。，、；：！？）》”’」』】）),.;:!?%';
const NO_LINE_END = '（《“‘「『【(';

export function wrap(text: string, width: number, size: number, maxLines = Infinity): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text.replace(/\s+/g, ' ')) {
    // 禁则, as the summary PDF's line breaking keeps it: closing punctuation never starts a line (the character
    // before it goes down with it) and opening punctuation never ends one (it goes down to what it opens).
    if (textWidth(line + ch, size) > width && line) {
      let carry = NO_LINE_START.includes(ch) ? 1 : 0;
      while (carry < line.length - 1 && NO_LINE_END.includes(line[line.length - 1 - carry])) carry++;
      lines.push(line.slice(0, line.length - carry));
      line = line.slice(line.length - carry) + (ch === ' ' ? '' : ch);
    } else line += ch;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    let last = kept[maxLines - 1];
    while (last && textWidth(`${last}…`, size) > width) last = last.slice(0, -1);
    kept[maxLines - 1] = `${last}…`;
    return kept;
  }
  return lines;
}

export interface TextStyle {
  size?: number;
  weight?: 'normal' | 'bold';
  color?: string;
  anchor?: 'start' | 'middle' | 'end';
}

export class SvgPage {
  private parts: string[] = [];
  constructor(
    readonly font: string,
    readonly width: number = PAGE.width,
    readonly height: number = PAGE.height,
  ) {}

  rect(x: number, y: number, w: number, h: number, fill: string, stroke?: string, strokeWidth = 1): this {
    this.parts.push(
      `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="${fill}"${stroke ? ` stroke="${stroke}" stroke-width="${strokeWidth}"` : ''}/>`,
    );
    return this;
  }

  line(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1, dash?: string): this {
    this.parts.push(
      `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${stroke}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
    );
    return this;
  }

  /** One line of text; `y` is the baseline. */
  text(x: number, y: number, text: string, style: TextStyle = {}): this {
    if (!text) return this;
    const size = style.size ?? 12;
    this.parts.push(
      `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${this.font}" font-size="${size}"${style.weight === 'bold' ? ' font-weight="bold"' : ''} fill="${style.color ?? '#000'}"${style.anchor && style.anchor !== 'start' ? ` text-anchor="${style.anchor}"` : ''}>${esc(text)}</text>`,
    );
    return this;
  }

  /** Wrapped text from the top `y`; returns the y under its last line. */
  paragraph(x: number, y: number, text: string, width: number, style: TextStyle & { maxLines?: number; lineHeight?: number } = {}): number {
    const size = style.size ?? 12;
    const lh = style.lineHeight ?? size * 1.35;
    const lines = wrap(text, width, size, style.maxLines);
    lines.forEach((l, k) => this.text(x, y + size + k * lh, l, style));
    return y + lines.length * lh + (lh - size) / 2;
  }

  /** An ECharts server-side SVG (its own <svg> root) placed with its top left at (x, y). */
  chart(x: number, y: number, svg: string): this {
    this.parts.push(svg.replace(/^\s*(<\?xml[^>]*>)?\s*<svg\b/, `<svg x="${x.toFixed(1)}" y="${y.toFixed(1)}"`));
    return this;
  }

  toString(): string {
    return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${this.width}" height="${this.height}" viewBox="0 0 ${this.width} ${this.height}"><rect width="100%" height="100%" fill="#fff"/>${this.parts.join('')}</svg>`;
  }
}
