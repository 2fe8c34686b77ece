/**
 * A summary chart as a PNG at print resolution (300 dpi at the width of the
 * 版心), from the same ECharts SVG the PDF and the preview draw
 * (../pdf/charts.ts), in the same font (the chart font of ../pdf/fonts.ts).
 *
 * resvg draws the SVG. Its text, though, is not left to resvg: resvg-js
 * (2.6) takes fonts only as files and reads the whole font file again for
 * every glyph it outlines — measured, 3.5 ms a glyph with the 15 MB Noto
 * Serif SC, half a second a chart. So each <text> becomes a <path> first:
 * its glyphs outlined with fontkit (the engine pdfkit uses for the PDF)
 * from the font's bytes, read once per process and released after a few
 * idle minutes, placed the way the PDF's SVG renderer places them
 * (text-anchor; dominant-baseline "central" = halfway between the font's
 * ascent and descent). resvg then draws only shapes, with no font at all.
 */
import fs from 'node:fs';
import { requireHere } from '../pdf/requireHere';
import type { FontFile } from '../pdf/fonts';

/** Print resolution of the charts. */
export const CHART_DPI = 300;

interface FontkitPath {
  scale(x: number, y: number): FontkitPath;
  translate(x: number, y: number): FontkitPath;
  toSVG(): string;
}
interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  bbox: { minY: number; maxY: number };
  glyphsForString(text: string): { path: FontkitPath; advanceWidth: number }[];
}
interface Fontkit {
  create(buffer: Buffer, postscriptName?: string): FontkitFont;
}
interface ResvgModule {
  Resvg: new (svg: string, options: Record<string, unknown>) => { render(): { asPng(): Buffer; width: number; height: number } };
}

const IDLE_RELEASE_MS = 3 * 60_000;
const fonts = new Map<string, FontkitFont>();
let releaseTimer: NodeJS.Timeout | null = null;

/** The chart font, parsed once (fontkit reads glyphs from the bytes on demand). */
function outlineFont(font: FontFile): FontkitFont {
  const key = `${font.file}#${font.postscriptName ?? ''}`;
  let f = fonts.get(key);
  if (!f) {
    const fontkit = requireHere('fontkit') as Fontkit;
    f = fontkit.create(fs.readFileSync(font.file), font.postscriptName);
    fonts.set(key, f);
  }
  if (releaseTimer) clearTimeout(releaseTimer);
  releaseTimer = setTimeout(() => fonts.clear(), IDLE_RELEASE_MS);
  releaseTimer.unref();
  return f;
}

const decodeXml = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const attrOf = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** One <text> element (ECharts writes plain ones: no tspans) as a <path> of its glyphs' outlines. */
function textToPath(tag: string, content: string, font: FontkitFont): string {
  const text = decodeXml(content);
  if (!text.trim()) return '';
  const style = attrOf(tag, 'style') ?? '';
  const size = Number(/font-size:\s*([\d.]+)px/.exec(style)?.[1] ?? attrOf(tag, 'font-size') ?? 12);
  const scale = size / font.unitsPerEm;
  // Glyph by glyph, without OpenType shaping: labels are Chinese, digits and %, which need none, and
  // shaping would first parse the font's large GSUB/GPOS tables (about 0.4 s for a CJK font).
  const glyphs = font.glyphsForString(text);
  const width = glyphs.reduce((w, g) => w + g.advanceWidth, 0) * scale;
  const anchor = attrOf(tag, 'text-anchor') ?? 'start';
  let x = Number(attrOf(tag, 'x') ?? 0) - (anchor === 'middle' ? width / 2 : anchor === 'end' ? width : 0);
  // svg-to-pdfkit's "central": halfway between the larger of ascent and bbox top, and the lower of descent and bbox bottom.
  const ascent = Math.max(font.ascent, font.bbox.maxY) * scale;
  const descent = Math.min(font.descent, font.bbox.minY) * scale;
  const baseline = attrOf(tag, 'dominant-baseline') === 'central' ? (ascent + descent) / 2 : 0;
  const y = Number(attrOf(tag, 'y') ?? 0) + baseline;
  let d = '';
  for (const glyph of glyphs) {
    d += glyph.path.scale(scale, -scale).translate(x, y).toSVG();
    x += glyph.advanceWidth * scale;
  }
  if (!d) return '';
  const keep = ['transform', 'fill', 'fill-opacity', 'opacity']
    .map((name) => [name, attrOf(tag, name)] as const)
    .filter(([, v]) => v != null)
    .map(([name, v]) => ` ${name}="${v}"`)
    .join('');
  return `<path d="${d}"${keep.includes(' fill=') ? keep : `${keep} fill="#000"`}/>`;
}

/** Parses the chart font now (its character map and outline tables), so the first chart does not wait for it. */
export function warmChartFont(font: FontFile): void {
  for (const glyph of outlineFont(font).glyphsForString('0123456789.%完成率目标')) glyph.path.toSVG();
}

/** The SVG with every <text> drawn as outlines in `font`. */
export function outlineSvgText(svg: string, font: FontFile): string {
  const f = outlineFont(font);
  return svg.replace(/<text\b([^>]*)>([\s\S]*?)<\/text>/g, (_, attrs: string, content: string) => textToPath(` ${attrs}`, content, f));
}

/** The chart SVG as a PNG `widthPt` wide at CHART_DPI, on white. */
export function chartPng(svg: string, font: FontFile, widthPt: number): Buffer {
  const { Resvg } = requireHere('@resvg/resvg-js') as ResvgModule;
  const widthPx = Math.round((widthPt / 72) * CHART_DPI);
  const image = new Resvg(outlineSvgText(svg, font), {
    fitTo: { mode: 'width', value: widthPx },
    background: 'white',
    // Nothing left to set in type: no font is loaded at all.
    font: { loadSystemFonts: false },
    shapeRendering: 2,
  }).render();
  return image.asPng();
}
