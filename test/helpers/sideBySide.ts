/**
 * PDF pages rendered by poppler (pdftoppm) and put side by side in one PNG,
 * to look at two outputs of the same document together (the summary's PDF
 * and its Word document as LibreOffice lays it out).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';

interface Rgb {
  width: number;
  height: number;
  data: Buffer;
}

function pageRgb(pdf: string, page: number, dpi: number): Rgb {
  const out = execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), pdf], { maxBuffer: 256 * 1024 * 1024 });
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(out.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not return a PPM image');
  return { width: Number(header[1]), height: Number(header[2]), data: out.subarray(header[0].length) };
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Writes the pages, left to right with a grey rule between them, as an RGB PNG. */
export function sideBySide(out: string, dpi: number, pages: { pdf: string; page: number }[]): void {
  const images = pages.map((p) => pageRgb(p.pdf, p.page, dpi));
  const gap = 6;
  const height = Math.max(...images.map((i) => i.height));
  const width = images.reduce((w, i) => w + i.width, 0) + gap * (images.length - 1);
  const raw = Buffer.alloc((width * 3 + 1) * height, 255);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    let x0 = 0;
    images.forEach((img, k) => {
      if (y < img.height) img.data.copy(raw, row + 1 + x0 * 3, y * img.width * 3, (y + 1) * img.width * 3);
      x0 += img.width;
      if (k < images.length - 1) raw.fill(128, row + 1 + x0 * 3, row + 1 + (x0 + gap) * 3);
      x0 += gap;
    });
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  fs.writeFileSync(out, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}
