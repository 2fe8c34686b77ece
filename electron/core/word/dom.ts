/**
 * One part of a Word package as a document tree (@xmldom/xmldom). The part
 * is first read through the workbook reader's bounded path (../workbook/zip.ts
 * inflates it with byte caps, ../workbook/xml.ts streams it through saxes,
 * which stops at broken XML or nesting past XML_MAX_DEPTH with a Chinese
 * refusal), so the tree is only ever built from a part known to be sound and
 * shallow — and small enough (DOCUMENT_PART_MAX_BYTES).
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import type JSZip from 'jszip';
import { fileLabel, RESAVE_DOCX, WorkbookRefusal } from '../workbook/refusal';
import { readXml } from '../workbook/xml';
import type { OpenedZip } from '../workbook/zip';

export type { Element } from '@xmldom/xmldom';

export async function readPartTree(opened: OpenedZip, file: JSZip.JSZipObject, what: string): Promise<Element> {
  const pieces: string[] = [];
  await readXml(opened, file, what, { open() {}, raw: (chunk) => pieces.push(chunk) });
  const damaged = () => new WorkbookRefusal(`${fileLabel(opened.fileName)}的${what}已损坏，无法读取。${RESAVE_DOCX}`);
  let root: Element | null = null;
  try {
    const doc = new DOMParser({
      locator: false, // positions are not needed: saxes has already said where a broken part breaks
      onError: (level: string) => {
        if (level !== 'warning') throw damaged();
      },
    }).parseFromString(pieces.join(''), 'text/xml');
    root = doc.documentElement;
  } catch (err) {
    throw err instanceof WorkbookRefusal ? err : damaged();
  }
  if (!root) throw damaged();
  return root;
}

/** The element children of a node. */
export function elements(node: Element): Element[] {
  const out: Element[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as Element);
  return out;
}

/** A w: attribute by its local name ("val" for w:val). */
export function attr(el: Element | undefined | null, name: string): string | null {
  if (!el) return null;
  const direct = el.getAttribute(`w:${name}`);
  if (direct !== null && direct !== '') return direct;
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes[i];
    if (a.localName === name || a.name === name) return a.value;
  }
  return null;
}

/** The first child element with this local name. */
export function child(el: Element | undefined | null, name: string): Element | undefined {
  if (!el) return undefined;
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1 && (c as Element).localName === name) return c as Element;
  return undefined;
}

/** An on/off property (w:tblHeader, w:b): present and not "false"/"0"/"off". */
export function isOn(el: Element | undefined): boolean {
  if (!el) return false;
  const v = attr(el, 'val');
  return v === null || !/^(?:false|0|off)$/i.test(v);
}
