/**
 * Font files read once per process, not once per PDF: pdfkit would read
 * every font file again for every document (the bundled Noto Serif SC is
 * 15 MB a weight), which was a third of the time of a second summary. The
 * bytes go into pdfmake's virtual file system under a short name; pdfmake
 * then never touches the disk for fonts. After a few idle minutes they are
 * dropped again, so a worker that made one PDF does not hold 60 MB for ever.
 *
 * The charts' SVG renderer opens its font by name through pdfkit's font(),
 * which reads names from disk and — when a face of the same PostScript name
 * is already loaded (the chart font is usually the 仿宋 or 黑体 file) —
 * returns without caching, so every chart label read the whole file again.
 * serveFontsFromMemory() teaches font() our virtual names and caches them.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The part of pdfmake's virtual file system used here. */
export interface VirtualFs {
  writeFileSync(name: string, content: Buffer): void;
  existsSync(name: string): boolean;
  storage?: Record<string, unknown>;
}

const PREFIX = 'taizhang-fonts/';
const IDLE_RELEASE_MS = 3 * 60_000;
const names = new Map<string, string>();
let releaseTimer: NodeJS.Timeout | null = null;

/** The virtual name pdfmake can open `file` by, reading it the first time only. */
export function virtualFontName(vfs: VirtualFs, file: string): string {
  const known = names.get(file);
  if (known && vfs.existsSync(known)) return known;
  // No slash at the start: pdfmake strips it; the index keeps two files of the same name apart.
  const name = `${PREFIX}${names.size}-${path.basename(file)}`;
  vfs.writeFileSync(name, fs.readFileSync(file));
  names.set(file, name);
  return name;
}

/** The part of pdfkit's document (pdfmake's PDFDocument) the hook below touches. */
interface PdfKitDocument {
  virtualfs?: VirtualFs & { readFileSync(name: string): Buffer };
  registerFont(name: string, src: Buffer): unknown;
  _registeredFonts?: Record<string, unknown>;
  _fontFamilies?: Record<string, unknown>;
  _font?: unknown;
  font(src: unknown, family?: unknown, size?: unknown): unknown;
}

/** Installs the font() hook on pdfmake's PDFDocument class, once. */
export function serveFontsFromMemory(PdfDocument: { prototype: PdfKitDocument }): void {
  const proto = PdfDocument.prototype as PdfKitDocument & { taizhangFonts?: true };
  if (proto.taizhangFonts) return;
  const original = proto.font;
  proto.font = function (this: PdfKitDocument, src: unknown, family?: unknown, size?: unknown) {
    const ours = typeof src === 'string' && src.startsWith(PREFIX) && this.virtualfs?.existsSync(src);
    if (!ours) return original.call(this, src, family, size);
    const name = src as string;
    if (!this._registeredFonts?.[name]) this.registerFont(name, this.virtualfs!.readFileSync(name));
    const result = original.call(this, name, family, size);
    // Cache under our name too (pdfkit skips that when a same-named face is loaded already).
    if (this._fontFamilies && !this._fontFamilies[name]) this._fontFamilies[name] = this._font;
    return result;
  };
  proto.taizhangFonts = true;
}

/** Called after each document: forget the bytes once no document was made for a while. */
export function releaseFontsWhenIdle(vfs: VirtualFs): void {
  if (releaseTimer) clearTimeout(releaseTimer);
  releaseTimer = setTimeout(() => releaseFonts(vfs), IDLE_RELEASE_MS);
  releaseTimer.unref();
}

export function releaseFonts(vfs: VirtualFs): void {
  for (const name of names.values()) if (vfs.storage) delete vfs.storage[name];
  names.clear();
}

/** How many font files are held now (tests). */
export function heldFontFiles(): number {
  return names.size;
}
