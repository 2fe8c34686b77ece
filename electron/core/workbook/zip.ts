/**
 * The zip container of a workbook (or a Word document: ../word/), opened without trusting it: the entry
 * count is checked from the end-of-directory record before the directory is
 * read, and each part is inflated as a stream that stops the moment it (or
 * the whole workbook) passes its byte limit — a zip bomb that claims small
 * sizes is stopped by what it really inflates to, not by what it says.
 * jszip reads the directory; nothing is inflated until a part is asked for.
 */
import JSZip from 'jszip';
import { DOCUMENT_MAX_XML_BYTES, DOCUMENT_PART_MAX_BYTES, PART_MAX_BYTES, WORKBOOK_MAX_XML_BYTES, ZIP_MAX_ENTRIES } from '../../../shared/import/limits';
import { fileLabel, RESAVE, RESAVE_DOCX, WorkbookRefusal, type RefusalPlace } from './refusal';

export const damagedMessage = (fileName: string) =>
  `${fileLabel(fileName)}已损坏或不完整（可能在下载或复制时被截断），无法打开。请重新获取原文件后再导入。`;

const EOCD = 0x06054b50;

/** Entries the end-of-central-directory record announces; null when there is none (not a whole zip). */
export function announcedEntries(bytes: Buffer): number | null {
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= from; at--) {
    if (bytes.readUInt32LE(at) === EOCD) return bytes.readUInt16LE(at + 10);
  }
  return null;
}

/** What the package is, for messages and limits: an Excel workbook or a Word document (a notice). */
export type PackageKind = 'workbook' | 'document';

/** How messages name a package's kind and what to do about it. */
export const PACKAGE_WORDS: Record<PackageKind, { thing: string; makers: string; resave: string }> = {
  workbook: { thing: '工作簿', makers: 'Excel 或 WPS', resave: RESAVE },
  document: { thing: '文档', makers: 'WPS 或 Word', resave: RESAVE_DOCX },
};

export interface OpenedZip {
  fileName: string;
  zip: JSZip;
  /** Uncompressed bytes still allowed for this package. */
  budget: number;
  /** Uncompressed bytes one part may have. */
  partMax: number;
  kind: PackageKind;
}

export async function openZip(bytes: Buffer, fileName: string, kind: PackageKind = 'workbook'): Promise<OpenedZip> {
  const announced = bytes.length >= 22 ? announcedEntries(bytes) : null;
  if (announced === null) throw new WorkbookRefusal(damagedMessage(fileName));
  // 0xFFFF means zip64 (more in the zip64 record): jszip counts them; checked below.
  if (announced > ZIP_MAX_ENTRIES && announced !== 0xffff) throw tooManyEntries(fileName, announced, kind);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new WorkbookRefusal(damagedMessage(fileName));
  }
  const count = Object.keys(zip.files).length;
  if (count > ZIP_MAX_ENTRIES) throw tooManyEntries(fileName, count, kind);
  return kind === 'workbook'
    ? { fileName, zip, budget: WORKBOOK_MAX_XML_BYTES, partMax: PART_MAX_BYTES, kind }
    : { fileName, zip, budget: DOCUMENT_MAX_XML_BYTES, partMax: DOCUMENT_PART_MAX_BYTES, kind };
}

const tooManyEntries = (fileName: string, n: number, kind: PackageKind) =>
  new WorkbookRefusal(
    `${fileLabel(fileName)}内部有 ${n} 个部件，超过上限 ${ZIP_MAX_ENTRIES} 个，不像是 ${PACKAGE_WORDS[kind].makers} 保存的${PACKAGE_WORDS[kind].thing}。${PACKAGE_WORDS[kind].resave}`,
  );

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** A part by its path, ignoring case and a leading slash (some writers differ from Excel there). */
export function findPart(opened: OpenedZip, partPath: string): JSZip.JSZipObject | null {
  const want = partPath.replace(/^\/+/, '').toLowerCase();
  const exact = opened.zip.file(want);
  if (exact) return exact;
  for (const [name, file] of Object.entries(opened.zip.files)) {
    if (!file.dir && name.replace(/^\/+/, '').toLowerCase() === want) return file;
  }
  return null;
}

interface StreamHelper {
  on(event: 'data', fn: (chunk: Uint8Array) => void): StreamHelper;
  on(event: 'error', fn: (err: Error) => void): StreamHelper;
  on(event: 'end', fn: () => void): StreamHelper;
  resume(): StreamHelper;
  pause(): StreamHelper;
}

/** UTF-8 unless the part starts with a UTF-16 byte-order mark (both are allowed in OOXML). */
function decoderFor(first: Uint8Array): TextDecoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le');
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be');
  return new TextDecoder('utf-8');
}

/**
 * Inflates one part and hands its text on in pieces. `what` names the part
 * in a refusal ("第2个工作表“汇总”", "共享文字表"). Rejects with a
 * WorkbookRefusal when the part passes PART_MAX_BYTES or the workbook its
 * budget, or when the compressed data is broken (at `place`, when the part
 * is a sheet); an error thrown by `onText`
 * stops the reading and rejects with that error.
 */
export function readPartText(
  opened: OpenedZip,
  file: JSZip.JSZipObject,
  what: string,
  onText: (text: string) => void,
  place?: RefusalPlace,
): Promise<void> {
  const declared = (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  const partMax = opened.partMax;
  const tooBig = () =>
    new WorkbookRefusal(
      `${fileLabel(opened.fileName)}的${what}解压后超过 ${MB(Math.min(partMax, opened.budget + partMax))}` +
        `（压缩比异常，可能是“压缩炸弹”或已损坏），已停止读取。${PACKAGE_WORDS[opened.kind].resave}`,
      place,
    );
  if (declared > partMax || declared > opened.budget) return Promise.reject(tooBig());
  return new Promise<void>((resolve, reject) => {
    let total = 0;
    let done = false;
    let decoder: TextDecoder | null = null;
    let helper: StreamHelper;
    const stop = (err: unknown) => {
      if (done) return;
      done = true;
      helper.pause();
      reject(err);
    };
    try {
      helper = (file as unknown as { internalStream(type: 'uint8array'): StreamHelper }).internalStream('uint8array');
    } catch {
      reject(new WorkbookRefusal(damagedMessage(opened.fileName), place));
      return;
    }
    helper.on('data', (chunk) => {
      if (done) return;
      total += chunk.length;
      opened.budget -= chunk.length;
      if (total > partMax || opened.budget < 0) return stop(tooBig());
      decoder ??= decoderFor(chunk);
      try {
        onText(decoder.decode(chunk, { stream: true }));
      } catch (err) {
        stop(err);
      }
    });
    helper.on('error', () => stop(new WorkbookRefusal(damagedMessage(opened.fileName), place)));
    helper.on('end', () => {
      if (done) return;
      done = true;
      try {
        if (decoder) onText(decoder.decode());
        resolve();
      } catch (err) {
        reject(err);
      }
    });
    helper.resume();
  });
}
