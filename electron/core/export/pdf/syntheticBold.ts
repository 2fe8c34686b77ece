/**
 * Bold for a font that has no bold face (simfang.ttf, the CESI 仿宋): the
 * glyphs are filled and stroked with a thin outline of their own colour
 * (PDF text render mode 2), the way Word and WPS embolden such a font, so
 * the "1." headings stay bold on every machine.
 *
 * pdfmake draws each run through pdfkit's text(); the pdfmake families to
 * embolden are named per document (render.ts), the fonts pdfmake opens for
 * them are remembered, and text() strokes runs in those fonts. pdfkit would
 * hand such a family the very font object of the regular family (it shares
 * faces by PostScript name), so it is opened as a face of its own — a second,
 * small subset of the same file — and only its runs are stroked.
 */
/** Stroke width as a share of the font size: 16 pt text gets a 0.48 pt outline. */
export const STROKE_SHARE = 0.03;

interface PdfKitDoc {
  _font: unknown;
  _fontSize: number;
  _fillColor?: unknown[];
  _fontFamilies: Record<string, unknown>;
  fontCache: Record<string, Record<string, unknown> | undefined>;
  fonts: Record<string, unknown>;
  save(): PdfKitDoc;
  restore(): PdfKitDoc;
  lineWidth(w: number): PdfKitDoc;
  strokeColor(...color: unknown[]): PdfKitDoc;
  text(text: string, x?: number, y?: number, options?: Record<string, unknown>): PdfKitDoc;
  provideFont(familyName: string, bold: boolean, italics: boolean): unknown;
}

const families = new Set<string>();
const strokedFonts = new WeakSet<object>();

/** The pdfmake families drawn with a stroke in the next documents (the set is replaced, not added to). */
export function setSyntheticBoldFamilies(names: Iterable<string>): void {
  families.clear();
  for (const n of names) families.add(n);
}

/** Installs the hooks on pdfmake's PDFDocument class, once. */
export function installSyntheticBold(PdfDocument: { prototype: PdfKitDoc }): void {
  const proto = PdfDocument.prototype as PdfKitDoc & { taizhangSyntheticBold?: true };
  if (proto.taizhangSyntheticBold) return;
  const provideFont = proto.provideFont;
  proto.provideFont = function (this: PdfKitDoc, familyName: string, bold: boolean, italics: boolean) {
    if (!families.has(familyName) || this.fontCache[familyName]) return provideFont.call(this, familyName, bold, italics);
    // Opened apart from the faces loaded so far, and kept under a name of its own: pdfkit embeds every
    // face it lists when the document ends, and shares a face with whoever asks by its PostScript name.
    const loaded = this._fontFamilies;
    this._fontFamilies = {};
    let font: unknown;
    try {
      font = provideFont.call(this, familyName, bold, italics);
    } finally {
      this._fontFamilies = loaded;
    }
    if (font && typeof font === 'object') {
      strokedFonts.add(font);
      loaded[`taizhang-stroked:${familyName}:${bold ? 'b' : ''}${italics ? 'i' : ''}`] = font;
    }
    return font;
  };
  const text = proto.text;
  proto.text = function (this: PdfKitDoc, t: string, x?: number, y?: number, options?: Record<string, unknown>) {
    const font = this._font;
    if (!font || typeof font !== 'object' || !strokedFonts.has(font)) return text.call(this, t, x, y, options);
    this.save();
    this.lineWidth(this._fontSize * STROKE_SHARE);
    this.strokeColor(...(this._fillColor ?? ['black']));
    text.call(this, t, x, y, { ...options, fill: true, stroke: true });
    return this.restore();
  };
  proto.taizhangSyntheticBold = true;
}
