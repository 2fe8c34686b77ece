/**
 * An old Word document (.doc, WPS's .wps, RTF saved as .doc) → .docx, by
 * LibreOffice when it is installed:
 *
 *   soffice --headless -env:UserInstallation=file:///tmp/taizhang-convert-…/profile
 *           --convert-to docx:"MS Word 2007 XML" --outdir …/out …/in/input.doc
 *
 * Each run has its own temporary folder — its own LibreOffice profile, so a
 * window the user has open or another conversion never shares (or locks) it;
 * the input under an ASCII name, typed by what the file is (a compound file
 * with a WordDocument stream is "input.doc" whatever it was called, so
 * LibreOffice never takes WPS's .wps for Microsoft Works'); the output read
 * from there — and the whole folder removed afterwards, whatever happened.
 * A conversion that takes longer than CONVERT_MAX_SECONDS (TAIZHANG_CONVERT_SECONDS
 * for tests) is stopped, with its process group. It runs in the core, not in the file worker: a worker
 * stopped for its time budget would leave LibreOffice running.
 *
 * Where LibreOffice is missing, the answer says to save the file as .docx in
 * WPS or Word. The last few conversions are kept (by the file's sha256), so
 * a preview, its re-previews and the commit convert once.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONVERT_MAX_SECONDS } from '../../../shared/import/limits';
import { saveAsDocxMessage, type ConvertFrom } from './read';

export type Converted = { ok: true; bytes: Buffer } | { ok: false; message: string };

/** The converted file may be larger than the original (pictures re-encoded), not without end. */
const OUTPUT_MAX_BYTES = 64 * 1024 * 1024;
const KEPT = 4;
const cache = new Map<string, Promise<Converted>>();

const exists = (file: string) => {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/**
 * LibreOffice's soffice: TAIZHANG_SOFFICE when set (a path; "off" or a path
 * that does not exist means none — tests of the missing case), else the first
 * soffice/libreoffice on PATH, else where the installers put it.
 */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.TAIZHANG_SOFFICE;
  if (chosen !== undefined) return chosen && chosen !== 'off' && exists(chosen) ? chosen : null;
  const win = process.platform === 'win32';
  const names = win ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  for (const dir of (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean)) {
    for (const n of names) if (exists(path.join(dir, n))) return path.join(dir, n);
  }
  const known = win
    ? [env.ProgramFiles, env['ProgramFiles(x86)'], 'C:\\Program Files', 'C:\\Program Files (x86)']
        .filter((d): d is string => !!d)
        .map((d) => path.join(d, 'LibreOffice', 'program', 'soffice.exe'))
    : ['/usr/bin/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice', '/snap/bin/libreoffice', '/Applications/LibreOffice.app/Contents/MacOS/soffice'];
  return known.find(exists) ?? null;
}

const label = (from: ConvertFrom) => (from === 'wps' ? 'WPS 文字文档（.wps）' : '旧版 Word 文档（.doc）');

export function noLibreOfficeMessage(fileName: string, from: ConvertFrom): string {
  return `“${fileName}”是${label(from)}。本机没有安装 LibreOffice，无法自动转换为 .docx：请在 WPS 或 Word 中打开该文件，“另存为”Word 文档（.docx）后再导入。`;
}

/** Converts (or answers from the last conversions of the same bytes). */
export function convertToDocx(bytes: Uint8Array, fileName: string, from: ConvertFrom): Promise<Converted> {
  const soffice = findSoffice();
  if (!soffice) return Promise.resolve({ ok: false, message: noLibreOfficeMessage(fileName, from) });
  const key = crypto.createHash('sha256').update(bytes).digest('hex');
  const kept = cache.get(key);
  if (kept) {
    cache.delete(key);
    cache.set(key, kept); // most recently used last
    return kept;
  }
  const running = runSoffice(soffice, bytes, fileName, from).then((result) => {
    if (!result.ok) cache.delete(key); // a failure (a loaded machine, a timeout) is tried again next time
    return result;
  });
  cache.set(key, running);
  while (cache.size > KEPT) cache.delete(cache.keys().next().value!);
  return running;
}

/** Forgets the kept conversions (tests). */
export function clearConversions(): void {
  cache.clear();
}

async function runSoffice(soffice: string, bytes: Uint8Array, fileName: string, from: ConvertFrom): Promise<Converted> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'taizhang-convert-'));
  const failed = (why: string): Converted => ({
    ok: false,
    message: `“${fileName}”是${label(from)}，用 LibreOffice 转换为 .docx 时${why}。请在 WPS 或 Word 中打开该文件，“另存为”Word 文档（.docx）后再导入。`,
  });
  try {
    const input = path.join(dir, 'in', 'input.doc');
    const out = path.join(dir, 'out');
    await fs.promises.mkdir(path.dirname(input), { recursive: true });
    await fs.promises.mkdir(out, { recursive: true });
    await fs.promises.writeFile(input, bytes);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const args = [
      '--headless', '--invisible', '--nologo', '--nodefault', '--norestore', '--nolockcheck', '--nofirststartwizard',
      `-env:UserInstallation=${profile}`,
      '--convert-to', 'docx:MS Word 2007 XML',
      '--outdir', out,
      input,
    ];
    const seconds = Number(process.env.TAIZHANG_CONVERT_SECONDS) || CONVERT_MAX_SECONDS;
    const run = await new Promise<'done' | 'timeout' | 'failed'>((resolve) => {
      let settled = false;
      const finish = (how: 'done' | 'timeout' | 'failed') => {
        if (!settled) (settled = true), resolve(how);
      };
      let child: ReturnType<typeof spawn>;
      try {
        // Its own process group: on a timeout soffice.bin goes too, not only the launcher script.
        child = spawn(soffice, args, { detached: process.platform !== 'win32', stdio: 'ignore', windowsHide: true });
      } catch {
        return finish('failed');
      }
      const timer = setTimeout(() => {
        stopTree(child.pid);
        finish('timeout');
      }, seconds * 1000);
      child.on('error', () => {
        clearTimeout(timer);
        finish('failed');
      });
      child.on('exit', () => {
        clearTimeout(timer);
        finish('done');
      });
    });
    if (run === 'timeout') return failed(`超过 ${seconds} 秒仍未完成，已停止`);
    if (run === 'failed') return failed('无法启动 LibreOffice');
    const result = path.join(out, 'input.docx');
    let size: number;
    try {
      size = (await fs.promises.stat(result)).size;
    } catch {
      return failed('没有得到结果（文件可能已损坏，或设有打开密码）');
    }
    if (size > OUTPUT_MAX_BYTES) return failed(`得到的文件超过 ${OUTPUT_MAX_BYTES / 1024 / 1024} MB`);
    return { ok: true, bytes: await fs.promises.readFile(result) };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch(() => {});
  }
}

function stopTree(pid: number | undefined): void {
  if (!pid) return;
  try {
    if (process.platform === 'win32') spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    else process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
