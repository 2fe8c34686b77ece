/**
 * Vertical metrics of a font file (hhea ascent/descent, head unitsPerEm),
 * read straight from the table directory. pdfmake's line height is a
 * multiple of the font's own (ascent − descent), which differs from font to
 * font; the layout needs the multiplier that gives GB/T 9704's 22 lines per
 * page whatever font this machine has.
 */
import fs from 'node:fs';

export interface VerticalMetrics {
  unitsPerEm: number;
  ascent: number;
  descent: number;
}

const cache = new Map<string, VerticalMetrics>();

/** Reads the metrics of a .ttf/.otf, or of the first font of a .ttc. */
export function readVerticalMetrics(file: string): VerticalMetrics {
  const hit = cache.get(file);
  if (hit) return hit;
  const fd = fs.openSync(file, 'r');
  try {
    const read = (offset: number, length: number) => {
      const buf = Buffer.alloc(length);
      fs.readSync(fd, buf, 0, length, offset);
      return buf;
    };
    let base = 0;
    const head = read(0, 16);
    if (head.toString('latin1', 0, 4) === 'ttcf') base = head.readUInt32BE(12);
    const dir = read(base, 12);
    const numTables = dir.readUInt16BE(4);
    const records = read(base + 12, numTables * 16);
    const tables = new Map<string, number>();
    for (let i = 0; i < numTables; i++) tables.set(records.toString('latin1', i * 16, i * 16 + 4), records.readUInt32BE(i * 16 + 8));
    const headAt = tables.get('head');
    const hheaAt = tables.get('hhea');
    if (headAt == null || hheaAt == null) throw new Error(`字体文件“${file}”缺少 head/hhea 表，无法使用。`);
    const unitsPerEm = read(headAt + 18, 2).readUInt16BE(0);
    const hhea = read(hheaAt + 4, 4);
    const metrics = { unitsPerEm, ascent: hhea.readInt16BE(0), descent: hhea.readInt16BE(2) };
    cache.set(file, metrics);
    return metrics;
  } finally {
    fs.closeSync(fd);
  }
}

/** The pdfmake `lineHeight` multiplier that makes lines of `fontSize` exactly `pitch` points apart. */
export function lineHeightFor(file: string, fontSize: number, pitch: number): number {
  const m = readVerticalMetrics(file);
  const natural = ((m.ascent - m.descent) / m.unitsPerEm) * fontSize;
  return pitch / natural;
}
