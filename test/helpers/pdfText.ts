/**
 * Reading a PDF back with poppler-utils (pdfinfo, pdftotext, pdffonts), as a
 * person or a search index would: text, page geometry, word positions.
 * Fails loudly when poppler-utils is missing (apt-get install poppler-utils).
 */
import { execFileSync } from 'node:child_process';

function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${cmd} is missing: install poppler-utils (apt-get install -y poppler-utils)`);
    }
    throw err;
  }
}

export interface PdfInfo {
  pages: number;
  width: number;
  height: number;
  title: string;
}

export function pdfInfo(file: string): PdfInfo {
  const out = run('pdfinfo', [file]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out);
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(out)?.[1] ?? 0),
    width: Number(size?.[1] ?? 0),
    height: Number(size?.[2] ?? 0),
    title: /Title:\s+(.*)/.exec(out)?.[1]?.trim() ?? '',
  };
}

/** The text of each page (pdftotext separates pages with a form feed). */
export function pageTexts(file: string, layout = false): string[] {
  const out = run('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-']);
  const pages = out.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

export const PAGE_NUMBER_LINE = /^\s*—\s*(\d+)\s*—\s*$/;

/** All body text in reading order, page numbers and the given noise lines removed, whitespace dropped. */
export function flatText(file: string, dropLines: RegExp[] = []): string {
  return pageTexts(file)
    .map((page) =>
      page
        .split('\n')
        .filter((line) => !PAGE_NUMBER_LINE.test(line) && !dropLines.some((re) => re.test(line)))
        .join(''),
    )
    .join('')
    .replace(/\s+/g, '');
}

export interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");

/** Every word with its box, in points from the top-left of its page. */
export function pdfWords(file: string): Word[] {
  const html = run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']);
  const words: Word[] = [];
  let page = 0;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) words.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: decode(m[5]) });
  }
  return words;
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

export function pdfFonts(file: string): FontRow[] {
  return run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type… encoding emb sub uni object ID: read from the right.
      const n = cols.length;
      return { name: cols[0], type: cols.slice(1, n - 6).join(' '), embedded: cols[n - 5] === 'yes', subset: cols[n - 4] === 'yes' };
    });
}
