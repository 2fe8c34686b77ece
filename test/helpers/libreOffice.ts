/**
 * LibreOffice Writer for the Word-document tests (apt: libreoffice-writer):
 * a .docx opened and converted (to PDF, or saved again as .docx), each run
 * with its own throwaway profile folder. Missing soffice fails with what to
 * install, never skips.
 *
 * `fontsLikePdf`: LibreOffice substitutes the 公文 fonts a Linux machine
 * lacks (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体, 宋体) through
 * fontconfig, by default with whatever CJK face comes first. For a page that
 * can be compared with the PDF's, the run gets a fontconfig file that maps
 * each name to the face the PDF uses for its role on this machine
 * (electron/core/export/pdf/fonts.ts) — as a PC with those fonts installed
 * under those names would show the document. Positions and text are checked
 * both ways.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveFonts, type FontFile } from '../../electron/core/export/pdf/fonts';
import { WORD_FONT, type WordFontRole } from '../../electron/core/export/word/fonts';

const SOFFICE = process.env.TAIZHANG_SOFFICE ?? 'soffice';

function run(cmd: string, args: string[], env?: NodeJS.ProcessEnv): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: 'pipe', timeout: 180_000, env: env ?? process.env });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${cmd} is missing: the Word-document tests need LibreOffice Writer and fontconfig (apt-get install -y libreoffice-writer fontconfig)`);
    }
    throw err;
  }
}

/** Family, style and weight of a font file's face (the .ttc face named by its PostScript name), as fontconfig sees it. */
function faceOf(font: FontFile): { family: string; weight: number } {
  const lines = run('fc-scan', ['--format', '%{postscriptname}\t%{family[0]}\t%{weight}\n', font.file]).trim().split('\n');
  const rows = lines.map((l) => l.split('\t'));
  const row = (font.postscriptName ? rows.find((r) => r[0] === font.postscriptName) : undefined) ?? rows[0];
  return { family: row[1], weight: Number(row[2]) };
}

/** The PDF's face for each Word font name. */
const ROLE_OF_NAME: Record<WordFontRole, keyof ReturnType<typeof resolveFonts>> = {
  fangsong: 'fangsong',
  heiti: 'heiti',
  kaiti: 'kaiti',
  title: 'title',
  songti: 'songti',
};
/** The substitutes Word and WPS use (fonts.ts FONT_TABLE) map to the same faces. */
const ALSO: Partial<Record<WordFontRole, string[]>> = { fangsong: ['仿宋', 'FangSong'], kaiti: ['楷体', 'KaiTi'], heiti: ['SimHei'], songti: ['SimSun'] };

/** A fontconfig file mapping the document's font names to the PDF's faces; returns its path. */
export function fontconfigLikePdf(dir: string): string {
  const fonts = resolveFonts();
  const dirs = new Set<string>();
  const rules: string[] = [];
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  for (const role of Object.keys(WORD_FONT) as WordFontRole[]) {
    const font = fonts[ROLE_OF_NAME[role]];
    dirs.add(path.dirname(font.file));
    if (role === 'fangsong') dirs.add(path.dirname(fonts.fangsongBold.file));
    const face = faceOf(font);
    for (const name of [WORD_FONT[role], ...(ALSO[role] ?? [])]) {
      rules.push(
        `<match target="pattern"><test qual="any" name="family"><string>${esc(name)}</string></test>` +
          `<edit name="family" mode="assign" binding="strong"><string>${esc(face.family)}</string></edit>` +
          // A bold face standing for a regular role (黑体 as Noto Sans CJK Bold) is asked for by weight.
          (face.weight > 100 ? `<edit name="weight" mode="assign" binding="strong"><int>${face.weight}</int></edit>` : '') +
          `</match>`,
      );
    }
  }
  const file = path.join(dir, 'fonts-like-pdf.conf');
  fs.mkdirSync(path.join(dir, 'fc-cache'), { recursive: true });
  fs.writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` +
      [...dirs].map((d) => `<dir>${esc(d)}</dir>`).join('\n') +
      `\n<cachedir>${esc(path.join(dir, 'fc-cache'))}</cachedir>\n${rules.join('\n')}\n</fontconfig>\n`,
  );
  return file;
}

/**
 * `file` converted by LibreOffice into `outDir` (which must not be the file's own folder when the format is
 * the same): 'pdf' renders it, 'docx' saves it again with LibreOffice's own writer. Returns the new file.
 */
export function libreOfficeConvert(file: string, format: 'pdf' | 'docx', outDir: string, options: { fontsLikePdf?: boolean } = {}): string {
  fs.mkdirSync(outDir, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-lo-writer-'));
  try {
    const env = { ...process.env, HOME: profile, ...(options.fontsLikePdf ? { FONTCONFIG_FILE: fontconfigLikePdf(profile) } : {}) };
    run(SOFFICE, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, file], env);
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const out = path.join(outDir, path.basename(file).replace(/\.[^.]+$/, `.${format}`));
  if (!fs.existsSync(out)) throw new Error(`LibreOffice did not write ${out}`);
  return out;
}
