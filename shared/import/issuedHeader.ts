/**
 * The column header of an imported 附件2 as the issued table printed it, kept
 * on the indicator so the exported annex prints the same words
 * ("2022年高新技术企业数量（家）", not a header composed from the name).
 * Lines joined, the spaces a PDF's text extraction leaves between Chinese
 * characters and numbers dropped, "(家)" written with full-width brackets as
 * the document sets them. A header over two rows ("科技型中小企业 / 目标")
 * is not one column's issued header: null.
 */
import { joinBrokenLines, squeezeCjkSpaces } from './cells';

export function issuedHeaderOf(header: string): string | null {
  if (header.includes(' / ')) return null;
  const text = squeezeCjkSpaces(joinBrokenLines(header))
    .replace(/(?<=\d)\s+(?=年)|(?<=年)\s+(?=\d)/g, '')
    .replace(/\(([^()]*)\)/g, (m, inner: string) => (/[\u3400-\u9fff]/.test(inner) ? `（${inner}）` : m));
  return text === '' ? null : text;
}
