/**
 * word/document.xml's body → blocks: paragraphs as text, tables as grids
 * (./table.ts). What a reader sees is what is read: tracked deletions, field
 * codes and ruby annotations are left out, insertions and field results kept;
 * a line break inside a paragraph joins without inventing a space between
 * Chinese characters; text boxes (a 红头 is often one) become paragraphs of
 * their own after the paragraph that anchors them. Content controls (w:sdt)
 * and custom XML wrappers are looked through.
 */
import { joinBrokenLines } from '../../../shared/import/cells';
import type { WordBlock } from '../../../shared/import/notice/word';
import { attr, child, elements, type Element } from './dom';
import type { Numbering } from './numbering';
import { readTable, type TableBudget } from './table';

/** Elements whose text a reader does not see. */
const HIDDEN = new Set(['del', 'moveFrom', 'delText', 'delInstrText', 'instrText', 'rt', 'pPr', 'rPr', 'fldData', 'sectPr', 'tblPr', 'trPr', 'tcPr']);
/** Elements that may hold text boxes, but never inline text. */
const DRAWINGS = new Set(['drawing', 'pict', 'object', 'AlternateContent']);

export interface BodyContext {
  numbering: Numbering;
  tables: TableBudget;
}

/** A paragraph's text (its numbering label first) and the text boxes it anchors. */
export function paragraphText(p: Element, ctx: BodyContext): { text: string; boxes: Element[] } {
  const out: string[] = [ctx.numbering.label(child(p, 'pPr'))];
  const boxes: Element[] = [];
  collect(p, out, boxes);
  return { text: joinBrokenLines(out.join('')), boxes };
}

function collect(node: Element, out: string[], boxes: Element[]): void {
  for (const el of elements(node)) {
    const name = el.localName ?? '';
    if (HIDDEN.has(name)) continue;
    if (DRAWINGS.has(name)) {
      findBoxes(el, boxes);
      continue;
    }
    switch (name) {
      case 't':
        out.push(el.textContent ?? '');
        break;
      case 'tab':
      case 'ptab':
        out.push(' ');
        break;
      case 'br':
      case 'cr':
        out.push('\n');
        break;
      case 'noBreakHyphen':
        out.push('-');
        break;
      case 'sym':
      case 'softHyphen':
        break;
      default:
        collect(el, out, boxes); // runs, hyperlinks, insertions, fields' results, smart tags, content controls
    }
  }
}

/** Text box contents (w:txbxContent) inside a drawing; of an mc:AlternateContent only its first choice (the fallback repeats it). */
function findBoxes(node: Element, boxes: Element[]): void {
  const kids = node.localName === 'AlternateContent' ? elements(node).slice(0, 1) : elements(node);
  for (const el of kids) {
    if (el.localName === 'txbxContent') boxes.push(el);
    else findBoxes(el, boxes);
  }
}

/** The blocks of a body (or of a text box, a content control): paragraphs and tables in order. */
export function readBlocks(container: Element, ctx: BodyContext, blocks: WordBlock[] = []): WordBlock[] {
  for (const el of elements(container)) {
    switch (el.localName) {
      case 'p': {
        const { text, boxes } = paragraphText(el, ctx);
        const jc = attr(child(child(el, 'pPr'), 'jc'), 'val');
        blocks.push({ kind: 'paragraph', text, centered: jc === 'center' || jc === 'distribute' });
        for (const box of boxes) readBlocks(box, ctx, blocks);
        break;
      }
      case 'tbl':
        blocks.push(readTable(el, ctx));
        break;
      case 'sdt':
        readBlocks(child(el, 'sdtContent') ?? el, ctx, blocks);
        break;
      case 'customXml':
      case 'sdtContent':
        readBlocks(el, ctx, blocks);
        break;
      default:
        break; // section properties, bookmarks
    }
  }
  return blocks;
}
