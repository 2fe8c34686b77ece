/**
 * Does a rendered summary say exactly what its SummaryDocument says, in its
 * order? Read from the text pdftotext extracts (flatText: page numbers
 * dropped, whitespace removed, so line breaks do not matter):
 *
 *   - every paragraph-like block (title, notices, paragraphs, 待补充 lines,
 *     the 落款) must appear, whole and in order, with nothing between two of
 *     them;
 *   - between them, a run of tables and charts must hold exactly their
 *     characters — captions, header and body cells, notes, and (where the
 *     output draws charts as text, as the PDF's SVG does) the charts'
 *     labels — in whatever order the extraction reads a table's wrapped
 *     cells, with a table's header rows again on each page it continues on.
 *
 * So two outputs that both pass say the same sentences, the Word document's
 * charts being pictures and the PDF's real text.
 */
import type { SummaryBlock, SummaryDocument } from '../../shared/summary/document';

const squash = (s: string) => s.replace(/\s+/g, '');

/** The text a paragraph-like block prints, or null for a table or chart. */
function anchorText(block: SummaryBlock): string | null {
  switch (block.kind) {
    case 'title':
    case 'notice':
    case 'pending':
      return squash(block.text);
    case 'paragraph':
      return squash(block.lead + block.text);
    case 'signature':
      return squash(block.lines.join(''));
    default:
      return null;
  }
}

/** A table's header rows (its group row and its column headers), printed again on each page it continues on. */
function headerChars(block: SummaryBlock): string {
  if (block.kind !== 'table') return '';
  const spannedDown = new Set<number>();
  let col = 0;
  for (const g of block.groups ?? []) {
    if (g.span === 1) spannedDown.add(col);
    col += g.span;
  }
  return squash([...(block.groups ?? []).map((g) => g.text), ...block.header.filter((_, i) => !spannedDown.has(i))].join(''));
}

/** The characters a table or chart block prints (a chart's labels only when `chartLabels` has them). */
function regionChars(block: SummaryBlock, chartLabels: string[] | null): string {
  if (block.kind === 'table') return squash([block.caption, headerChars(block), ...block.rows.flat(), block.note ?? ''].join(''));
  if (block.kind === 'chart') return squash(block.caption + (chartLabels ? chartLabels.join('') : ''));
  return '';
}

/** Character counts, and `a` less `b` when `a` holds all of `b` (else null). */
function counts(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const ch of s) m.set(ch, (m.get(ch) ?? 0) + 1);
  return m;
}
function minus(a: Map<string, number>, b: Map<string, number>): Map<string, number> | null {
  const out = new Map(a);
  for (const [ch, n] of b) {
    const left = (out.get(ch) ?? 0) - n;
    if (left < 0) return null;
    if (left === 0) out.delete(ch);
    else out.set(ch, left);
  }
  return out;
}

/** The labels of a chart SVG, as its <text> elements hold them. */
export function svgLabels(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'),
  );
}

/**
 * The problems found reading `flat` against `doc` (empty: the output says exactly the document).
 * `charts`: the SVG of each chart when the output prints the charts' labels as text, null when they are pictures.
 */
export function readingOrderProblems(flat: string, doc: SummaryDocument, charts: string[] | null): string[] {
  const problems: string[] = [];
  let at = 0;
  let chartIndex = 0;
  let region: SummaryBlock[] = [];
  const closeRegion = (end: number, next: string) => {
    const expected = region.map((b) => regionChars(b, b.kind === 'chart' && charts ? svgLabels(charts[chartIndex++]) : null)).join('');
    const found = flat.slice(at, end);
    let rest = minus(counts(found), counts(expected));
    // What is left may only be headers repeated where a table went on to the next page.
    for (const header of region.map(headerChars).filter(Boolean)) {
      for (let next = rest && minus(rest, counts(header)); rest && next; next = minus(rest, counts(header))) rest = next;
    }
    if (!rest || rest.size > 0) {
      problems.push(`before “${next.slice(0, 20)}”: expected the ${region.map((b) => b.kind).join('+') || 'nothing'} (${expected.length} characters), found ${found.length}: “${found.slice(0, 80)}”`);
    }
    region = [];
  };
  for (const block of doc.blocks) {
    const text = anchorText(block);
    if (text == null) {
      region.push(block);
      continue;
    }
    const found = flat.indexOf(text, at);
    if (found < 0) {
      problems.push(`missing or out of order: “${text.slice(0, 40)}”`);
      continue;
    }
    closeRegion(found, text);
    at = found + text.length;
  }
  closeRegion(flat.length, '(the end)');
  return problems;
}
