/**
 * A package's relationships (_rels/*.rels): which part is the workbook or
 * the Word document, and where its sheets, styles and numbering are.
 */
import type JSZip from 'jszip';
import { readXml } from './xml';
import type { OpenedZip } from './zip';

export const REL_TYPE_END = (rel: { type: string }, end: string) => rel.type.toLowerCase().endsWith(end);

export interface Rel {
  id: string;
  type: string;
  target: string;
}

export async function readRels(opened: OpenedZip, file: JSZip.JSZipObject | null): Promise<Rel[]> {
  if (!file) return [];
  const rels: Rel[] = [];
  await readXml(opened, file, '关系表', {
    open(name, a) {
      if (name === 'Relationship' && a.Target !== undefined) rels.push({ id: a.Id ?? '', type: a.Type ?? '', target: a.Target });
    },
  });
  return rels;
}

/** A relationship target relative to the part's folder ("worksheets/sheet1.xml" from "xl/"), or absolute ("/xl/…"). */
export function resolveTarget(baseDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `${baseDir}${target}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p && p !== '.') out.push(p);
  }
  return out.join('/');
}
