/**
 * Vertical metrics of a font file (hhea ascent/descent, head unitsPerEm),
 * read straight from the table directory. pdfmake's line height is a
 * multiple of the font's own (ascent − descent), which differs from font to
 * font; the layout needs the multiplier that gives GB/T 9704's 22 lines per
 * page whatever font this machine has.
 */
import fs from 'node:fs';
import { requireHere } from './requireHere';

export interface VerticalMetrics {
  unitsPerEm: number;
  ascent: number;
  descent: number;
}

const cache = new Map<string, VerticalMetrics>();

type Read = (offset: number, length: number) => Buffer;

/** The table directory of the face starting at `base`: tag → offset. */
function tablesAt(read: Read, base: number): Map<string, number> {
  const numTables = read(base, 12).readUInt16BE(4);
  const records = read(base + 12, numTables * 16);
  const tables = new Map<string, number>();
  for (let i = 0; i < numTables; i++) tables.set(records.toString('latin1', i * 16, i * 16 + 4), records.readUInt32BE(i * 16 + 8));
  return tables;
}

/** The PostScript name (name ID 6) of a face, or null. */
function postscriptNameOf(read: Read, tables: Map<string, number>): string | null {
  const at = tables.get('name');
  if (at == null) return null;
  const head = read(at, 6);
  const count = head.readUInt16BE(2);
  const strings = at + head.readUInt16BE(4);
  const records = read(at + 6, count * 12);
  for (let i = 0; i < count; i++) {
    const platform = records.readUInt16BE(i * 12);
    if (records.readUInt16BE(i * 12 + 6) !== 6) continue;
    const raw = read(strings + records.readUInt16BE(i * 12 + 10), records.readUInt16BE(i * 12 + 8));
    if (platform === 3 || platform === 0) return Buffer.from(raw).swap16().toString('utf16le');
    return raw.toString('latin1');
  }
  return null;
}

/** The PostScript name of a single-file .ttf/.otf (reports and tests name fonts by it). */
export function readPostscriptName(file: string): string | null {
  const fd = fs.openSync(file, 'r');
  try {
    const read: Read = (offset, length) => {
      const buf = Buffer.alloc(length);
      fs.readSync(fd, buf, 0, length, offset);
      return buf;
    };
    return postscriptNameOf(read, tablesAt(read, 0));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads the metrics of a .ttf/.otf, or of the face of a .ttc named by its
 * PostScript name (the first face when none is given or none matches).
 */
export function readVerticalMetrics(file: string, postscriptName?: string): VerticalMetrics {
  const key = `${file}#${postscriptName ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const fd = fs.openSync(file, 'r');
  try {
    const read: Read = (offset, length) => {
      const buf = Buffer.alloc(length);
      fs.readSync(fd, buf, 0, length, offset);
      return buf;
    };
    const header = read(0, 12);
    let tables: Map<string, number>;
    if (header.toString('latin1', 0, 4) === 'ttcf') {
      const faces = header.readUInt32BE(8);
      const offsets = read(12, faces * 4);
      const all = Array.from({ length: faces }, (_, i) => tablesAt(read, offsets.readUInt32BE(i * 4)));
      tables = (postscriptName ? all.find((t) => postscriptNameOf(read, t) === postscriptName) : undefined) ?? all[0];
    } else {
      tables = tablesAt(read, 0);
    }
    const headAt = tables.get('head');
    const hheaAt = tables.get('hhea');
    if (headAt == null || hheaAt == null) throw new Error(`字体文件“${file}”缺少 head/hhea 表，无法使用。`);
    const unitsPerEm = read(headAt + 18, 2).readUInt16BE(0);
    const hhea = read(hheaAt + 4, 4);
    const metrics = { unitsPerEm, ascent: hhea.readInt16BE(0), descent: hhea.readInt16BE(2) };
    cache.set(key, metrics);
    return metrics;
  } finally {
    fs.closeSync(fd);
  }
}

/** The pdfmake `lineHeight` multiplier that makes lines of `fontSize` exactly `pitch` points apart. */
export function lineHeightFor(font: { file: string; postscriptName?: string }, fontSize: number, pitch: number): number {
  const m = readVerticalMetrics(font.file, font.postscriptName);
  const natural = ((m.ascent - m.descent) / m.unitsPerEm) * fontSize;
  return pitch / natural;
}

interface FontkitGlyph {
  bbox: { minY: number; maxY: number };
}
interface Fontkit {
  create(buffer: Buffer, postscriptName?: string): FontkitFont;
}
interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  glyphForCodePoint(cp: number): FontkitGlyph;
}

const glyphCache = new Map<string, { top: number; bottom: number }>();

/**
 * Where a character's ink lies, in ems below the top of its line box (the
 * font's hhea ascent, where pdfkit puts the top of a line): the page
 * number's 一字线 is placed by its ink, not by its line box. Read with
 * fontkit, the font engine pdfkit itself uses, from the bytes the PDF
 * already holds (`bytes`; fontBytes.ts), so the file is not read twice.
 */
export function inkBelowLineTop(
  font: { file: string; postscriptName?: string },
  codePoint: number,
  bytes: (file: string) => Buffer = (file) => fs.readFileSync(file),
): { top: number; bottom: number } {
  const key = `${font.file}#${font.postscriptName ?? ''}#${codePoint}`;
  const hit = glyphCache.get(key);
  if (hit) return hit;
  const fontkit = requireHere('fontkit') as Fontkit;
  const f = fontkit.create(bytes(font.file), font.postscriptName);
  const { bbox } = f.glyphForCodePoint(codePoint);
  const ink = { top: (f.ascent - bbox.maxY) / f.unitsPerEm, bottom: (f.ascent - bbox.minY) / f.unitsPerEm };
  glyphCache.set(key, ink);
  return ink;
}
