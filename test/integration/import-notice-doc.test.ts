/**
 * Old Word files (.doc, WPS's .wps) through LibreOffice (issue 19): a .doc
 * that LibreOffice saved from the Word-like notice imports exactly as the
 * .docx does — converted by the real soffice, with its own profile and a
 * time limit, the temporary folder removed. Without LibreOffice the message
 * says to save the file as .docx in WPS or Word; a password-protected or
 * damaged file gets its own message and never reaches LibreOffice. A stand-in
 * soffice (a shell script that records how it was called) shows the
 * arguments, the time limit stopping its whole process group, and the
 * conversion kept for the preview's re-previews and the commit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ImportOptions, ImportOutcome } from '../../shared/import/types';
import type { Core } from '../../electron/core';
import { wordFibOffset } from '../../electron/core/import/cfb';
import { clearConversions } from '../../electron/core/import/convert';
import { compoundFile } from '../fixtures/import/make-fixtures';
import { call, storesClosedAfterEach } from '../helpers/importDb';
import { tempDir } from '../helpers/tempDb';
import { dumpStore, type TestStore } from '../helpers/testStore';
import { docFromDocx, seedNotice, SOFFICE, wordLikeDocx } from '../helpers/noticeFixtures';

let tmp: { dir: string; cleanup(): void };
let docx: Buffer;
let doc: Buffer;
let n = 0;
const store = storesClosedAfterEach();
const saved = { soffice: process.env.TAIZHANG_SOFFICE, seconds: process.env.TAIZHANG_CONVERT_SECONDS };

beforeAll(async () => {
  if (!fs.existsSync(SOFFICE)) throw new Error(`LibreOffice not found at ${SOFFICE}: apt-get install -y libreoffice-writer`);
  tmp = tempDir('taizhang-notice-doc-');
  docx = await wordLikeDocx(seedNotice({ split: true }));
  doc = docFromDocx(docx, tmp.dir);
}, 120_000);
afterEach(() => {
  clearConversions();
  for (const [key, value] of [['TAIZHANG_SOFFICE', saved.soffice], ['TAIZHANG_CONVERT_SECONDS', saved.seconds]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});
afterAll(async () => {
  tmp?.cleanup();
});

async function open(kind: 'units' | 'example'): Promise<{ core: Core; db: TestStore }> {
  const db = await store(kind === 'units' ? 'unitsOnly' : 'example');
  return { core: db.core, db };
}
const commit = (core: Core, bytes: Buffer, fileName: string, options: ImportOptions = {}, dryRun = false): Promise<ImportOutcome> =>
  call(core, 'import.commit', { fileName, dataBase64: bytes.toString('base64'), options, dryRun });

/** What a preview says a file holds, for comparing two files of the same notice. */
const summary = (o: ImportOutcome) => ({
  ok: o.ok,
  counts: o.counts,
  notice: o.notice,
  sheets: o.sheets.map((s) => ({ name: s.name, kind: s.kind, included: s.included, tasks: s.actionLines?.flatMap((l) => l.tasks.map((t) => [l.title, t.content, t.leadText, t.responsibleText])), goals: s.goals?.map((g) => [g.name, g.value, g.valueMax]), targets: s.targetRows?.map((r) => [r.unitName, ...r.values]) })),
  problems: o.problems.map((p) => [p.level, p.sheet, p.row, p.column, p.message]),
});

/**
 * A stand-in soffice: records its process id and arguments, then — as MODE says — copies a ready .docx
 * where LibreOffice would write it, writes nothing, or hangs with a child of its own.
 */
function fakeSoffice(mode: 'copy' | 'nothing' | 'hang'): { log: string; calls(): string[][] } {
  const log = path.join(tmp.dir, `soffice-${++n}.log`);
  const ready = path.join(tmp.dir, 'ready.docx');
  fs.writeFileSync(ready, docx);
  const script = path.join(tmp.dir, `soffice-${n}.sh`);
  fs.writeFileSync(
    script,
    [
      '#!/bin/bash',
      `echo "$$ $*" >> '${log}'`,
      'out=""; prev=""; for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done',
      mode === 'copy' ? `cp '${ready}' "$out/input.docx"` : mode === 'hang' ? `sleep 60 & echo "child $!" >> '${log}'; wait` : 'exit 0',
    ].join('\n'),
    { mode: 0o755 },
  );
  process.env.TAIZHANG_SOFFICE = script;
  return { log, calls: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter((l) => !l.startsWith('child')).map((l) => l.split(' ')) : []) };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('with LibreOffice', () => {
  it('a .doc saved by LibreOffice from the notice imports exactly as the .docx does, and commits', async () => {
    expect(doc.subarray(0, 4).toString('hex')).toBe('d0cf11e0'); // a compound file, as Word 97-2003 writes
    const { core } = await open('example');
    const fromDocx = await commit(core, docx, '通知.docx', {}, true);
    const fromDoc = await commit(core, doc, '通知.doc', {}, true);
    expect(fromDoc.format).toBe('doc');
    expect(summary(fromDoc)).toEqual(summary(fromDocx));
    expect(fromDoc.diff.totals).toEqual({ added: 0, changed: 0, removed: 0 });

    const fresh = await open('units');
    const out = await commit(fresh.core, doc, '青政办发〔2022〕16号.doc', { createPlan: {} });
    expect(out.committed).toBe(true);
    expect(out.counts).toEqual({ actionLines: 7, tasks: 16, units: 19, indicators: 6, targets: 27 });
  }, 60_000);

  it('named .wps (WPS 文字), the same file is converted too', async () => {
    const { core } = await open('example');
    const out = await commit(core, doc, '通知.wps', {}, true);
    expect(out).toMatchObject({ ok: true, format: 'doc', counts: { tasks: 16, targets: 27 } });
  }, 60_000);
});

describe('without LibreOffice, or with a file LibreOffice must not see', () => {
  it('where soffice is missing, the message says to save the file as .docx in WPS or Word; nothing is written', async () => {
    process.env.TAIZHANG_SOFFICE = 'off';
    const { core, db } = await open('example');
    const before = await dumpStore(db);
    const out = await commit(core, doc, '通知.doc');
    expect(out.committed).toBe(false);
    expect(out.problems).toEqual([
      {
        level: 'error',
        sheet: '',
        row: 0,
        column: '',
        message: '“通知.doc”是旧版 Word 文档（.doc）。本机没有安装 LibreOffice，无法自动转换为 .docx：请在 WPS 或 Word 中打开该文件，“另存为”Word 文档（.docx）后再导入。',
      },
    ]);
    expect((await commit(core, doc, '通知.wps')).problems[0].message).toMatch(/^“通知\.wps”是WPS 文字文档（\.wps）。本机没有安装 LibreOffice/);
    expect(await dumpStore(db)).toBe(before);
  });

  it('a password-protected .doc or .docx, a damaged .doc: each its own message, and LibreOffice is never started', async () => {
    const soffice = fakeSoffice('copy');
    const { core } = await open('example');
    const locked = Buffer.from(doc);
    const fib = wordFibOffset(locked)!;
    locked.writeUInt16LE(locked.readUInt16LE(fib) | 0x0100, fib); // fEncrypted, as Word sets it for a password
    expect((await commit(core, locked, '通知.doc')).problems[0].message).toBe('“通知.doc”：旧版 Word 文档（.doc）设有打开密码，请在 WPS 或 Word 中取消密码后另存为 .docx 再导入。');
    expect((await commit(core, compoundFile(['EncryptionInfo', 'EncryptedPackage']), '通知.docx')).problems[0].message).toBe(
      '“通知.docx”：文件设有打开密码，请在 WPS 或 Word 中取消密码后另存为 .docx 再导入。',
    );
    expect((await commit(core, doc.subarray(0, 400), '通知.doc')).problems[0].message).toMatch(/^“通知\.doc”已损坏或不完整，无法读取（像是旧版 Word\/WPS 文档/);
    expect((await commit(core, docx.subarray(0, docx.length - 100), '通知.docx')).problems[0].message).toBe(
      '“通知.docx”已损坏或不完整（可能在下载或复制时被截断），无法打开。请重新获取原文件后再导入。',
    );
    expect(soffice.calls()).toEqual([]);
  });
});

describe('the conversion itself (a stand-in soffice)', () => {
  it('runs soffice headless with its own profile in a temporary folder, reads the result there, removes the folder; converts once for preview and commit', async () => {
    const soffice = fakeSoffice('copy');
    const { core } = await open('units');
    const preview = await call(core, 'import.preview', { fileName: '通知.doc', dataBase64: doc.toString('base64'), options: { createPlan: {} } });
    expect(preview).toMatchObject({ ok: true, format: 'doc', counts: { tasks: 16 } });
    const out = await commit(core, doc, '通知.doc', { createPlan: {} });
    expect(out.committed).toBe(true);
    const calls = soffice.calls();
    expect(calls).toHaveLength(1);
    const args = calls[0].slice(1);
    const folder = path.dirname(path.dirname(args[args.length - 1]));
    expect(path.basename(folder)).toMatch(/^taizhang-convert-/);
    expect(args).toEqual([
      '--headless', '--invisible', '--nologo', '--nodefault', '--norestore', '--nolockcheck', '--nofirststartwizard',
      `-env:UserInstallation=file://${folder}/profile`,
      '--convert-to', 'docx:MS', 'Word', '2007', 'XML', // one argument, split by the log's spaces
      '--outdir', `${folder}/out`,
      `${folder}/in/input.doc`,
    ]);
    expect(fs.existsSync(folder)).toBe(false);
  });

  it('a conversion past its time limit is stopped with its process group, and says so; one that writes nothing says so', async () => {
    const soffice = fakeSoffice('hang');
    process.env.TAIZHANG_CONVERT_SECONDS = '2';
    const { core, db } = await open('example');
    const before = await dumpStore(db);
    const out = await commit(core, doc, '通知.doc');
    expect(out.problems[0].message).toBe(
      '“通知.doc”是旧版 Word 文档（.doc），用 LibreOffice 转换为 .docx 时超过 2 秒仍未完成，已停止。请在 WPS 或 Word 中打开该文件，“另存为”Word 文档（.docx）后再导入。',
    );
    const log = fs.readFileSync(soffice.log, 'utf8');
    const pid = Number(/^(\d+) /.exec(log)![1]);
    const child = Number(/child (\d+)/.exec(log)![1]);
    // The group was sent SIGKILL; on a busy machine the child may take a moment to be reaped.
    await expect.poll(() => [alive(pid), alive(child)], { timeout: 5_000 }).toEqual([false, false]);
    const folder = path.dirname(path.dirname(soffice.calls()[0].at(-1)!));
    expect(fs.existsSync(folder)).toBe(false);
    expect(await dumpStore(db)).toBe(before);

    fakeSoffice('nothing');
    expect((await commit(core, doc, '通知.doc')).problems[0].message).toMatch(/用 LibreOffice 转换为 \.docx 时没有得到结果（文件可能已损坏，或设有打开密码）。请在 WPS 或 Word 中/);
  }, 30_000);
});
