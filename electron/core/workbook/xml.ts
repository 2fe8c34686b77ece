/**
 * One part's XML as a stream of events (saxes, the strict streaming parser
 * exceljs itself uses), with the names' namespace prefixes dropped
 * ("x:c" → "c": some generators write prefixed SpreadsheetML). Nesting is
 * limited (a sheet needs 6 levels), DTD entities are never expanded (saxes
 * does not), and a well-formedness error becomes a Chinese refusal that names
 * the part and the line.
 */
import type JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { XML_MAX_DEPTH } from '../../../shared/import/limits';
import { PACKAGE_WORDS, readPartText, type OpenedZip } from './zip';
import { fileLabel, WorkbookRefusal, type RefusalPlace } from './refusal';

export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  /** The part's text as it is read, piece by piece (for a reader that parses it again once it is known to be sound). */
  raw?(chunk: string): void;
  text?(text: string): void;
  close?(name: string): void;
}

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** Reads `file`; `what` names the part in a refusal, `place` is where a refusal points (the sheet, for a sheet's XML). */
export async function readXml(opened: OpenedZip, file: JSZip.JSZipObject, what: string, handlers: XmlHandlers, place?: RefusalPlace): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  let depth = 0;
  parser.on('opentag', (tag) => {
    if (++depth > XML_MAX_DEPTH) {
      const words = PACKAGE_WORDS[opened.kind];
      throw new WorkbookRefusal(`${fileLabel(opened.fileName)}的${what}嵌套超过 ${XML_MAX_DEPTH} 层，不是 ${words.makers} 保存的格式，已停止读取。${words.resave}`, place);
    }
    handlers.open(localName(tag.name), tag.attributes as Record<string, string>);
  });
  parser.on('closetag', (tag) => {
    depth--;
    handlers.close?.(localName(tag.name));
  });
  if (handlers.text) {
    const text = handlers.text;
    parser.on('text', text);
    parser.on('cdata', text);
  }
  parser.on('error', () => {
    throw new WorkbookRefusal(`${fileLabel(opened.fileName)}的${what}已损坏（第 ${parser.line} 行附近不是完整的 XML），无法读取。${PACKAGE_WORDS[opened.kind].resave}`, place);
  });
  await readPartText(opened, file, what, (chunk) => {
    if (!chunk) return;
    handlers.raw?.(chunk);
    parser.write(chunk);
  }, place);
  parser.close();
}
