/**
 * A PDF page as pixels, through poppler's pdftoppm (greyscale PGM), to
 * measure what a reader sees: where the ink of a page-number dash or of a
 * table's borders lies, in millimetres from the page's edges.
 */
import { execFileSync } from 'node:child_process';

export interface PageImage {
  width: number;
  height: number;
  /** Pixels per millimetre. */
  perMm: number;
  /** 0 black … 255 white. */
  gray(x: number, y: number): number;
}

export function pageImage(pdf: string, page: number, dpi = 300): PageImage {
  let out: Buffer;
  try {
    out = execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), pdf], { maxBuffer: 256 * 1024 * 1024 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('pdftoppm is missing: install poppler-utils (apt-get install -y poppler-utils)');
    throw err;
  }
  // P5 header: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(out.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not return a greyscale PGM image');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const offset = header[0].length;
  return { width, height, perMm: dpi / 25.4, gray: (x, y) => out[offset + y * width + x] };
}

/** The box (in mm from the top-left corner) of the dark pixels inside a region given in mm; null when it is blank. */
export function inkBox(img: PageImage, region: { left: number; top: number; right: number; bottom: number }, threshold = 128) {
  const px = (mm: number) => Math.round(mm * img.perMm);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let y = px(region.top); y < Math.min(img.height, px(region.bottom)); y++) {
    for (let x = px(region.left); x < Math.min(img.width, px(region.right)); x++) {
      if (img.gray(x, y) < threshold) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  if (minX === Infinity) return null;
  const mm = (p: number) => p / img.perMm;
  return { left: mm(minX), top: mm(minY), right: mm(maxX + 1), bottom: mm(maxY + 1) };
}
