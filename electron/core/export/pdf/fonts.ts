/**
 * Which font files the summary uses. GB/T 9704 asks for 仿宋 (body), 黑体
 * (level-1 headings, table headers, captions), 楷体 (level 2), 小标宋 (title),
 * 宋体 (page numbers, "4号半角宋体阿拉伯数字").
 *
 * Resolution order, per role (the first file that exists wins):
 *   1. the folder named by TAIZHANG_FONT_DIR, holding the Windows file names
 *      (simfang.ttf, simhei.ttf, simkai.ttf, simsun.ttc, FZXBSJW.TTF);
 *   2. Windows' own fonts (%WINDIR%\Fonts), same names;
 *   3. Linux: the CESI fonts 统信UOS and 麒麟 ship (CESI_FS/HT/KT/XBS_GB2312.TTF),
 *      or Windows fonts copied to /usr/share/fonts;
 *   4. Linux, free faces of the right kind: for 黑体 and the title a
 *      sans-serif CJK face — Noto Sans CJK SC Bold (fonts-noto-cjk), else
 *      WenQuanYi Zen Hei (fonts-wqy-zenhei), both .ttc collections — so
 *      headings are a real 黑体-like face, not the body font in a heavier
 *      weight (Droid Sans Fallback is not used: it has no Latin digits or %);
 *      for 楷体 LXGW WenKai (fonts-lxgw-wenkai; its strokes print closest to
 *      楷体_GB2312 at 3号), else AR PL KaitiM GB (fonts-arphic-gkai00mp, a thin
 *      face);
 *   5. the bundled open-licence Noto Serif SC (@expo-google-fonts/noto-serif-sc),
 *      one .ttf per weight, for whatever is still missing (仿宋 on Linux
 *      without CESI fonts: no free 仿宋 ships with Debian). Noto Serif SC is
 *      思源宋体, a 宋体 face: on Linux it is the 宋体 of the page numbers too,
 *      rather than the same design again from a 26 MB system collection.
 * A bold 仿宋 for the "1." headings is a bold face of the same family when
 * there is one (the bundled Noto Serif SC Bold); simfang.ttf and the CESI
 * 仿宋 have none, so the same face is marked `syntheticBold` and drawn with
 * a stroke (syntheticBold.ts), as Word and WPS embolden it.
 * The title prefers 小标宋, then 黑体 (as bureaus do without 小标宋), then 宋体.
 *
 * pdfmake reads a face of a .ttc by [file, PostScript name]. The charts are
 * different: their SVG renderer needs one single-file .ttf/.otf, so the chart
 * font is the 黑体 when that is a single file (simhei.ttf, CESI_HT), else a
 * single-file system sans listed in SYSTEM_SANS (none today), else the 仿宋
 * when it is a single file, else the bundled Noto Serif SC Regular.
 */
import fs from 'node:fs';
import path from 'node:path';
import { requireHere } from './requireHere';

export type FontRole = 'fangsong' | 'fangsongBold' | 'heiti' | 'kaiti' | 'title' | 'songti';

export interface FontFile {
  file: string;
  /** PostScript name inside a .ttc collection; undefined for single-file fonts. */
  postscriptName?: string;
  /** Where it came from, for reports and tests. */
  source: 'env' | 'windows' | 'system' | 'bundled';
  /** The bold role found no bold face of its family: the regular face, emboldened with a stroke. */
  syntheticBold?: boolean;
}

export type FontSet = Record<FontRole, FontFile> & { chart: FontFile };

interface Candidate {
  name: string;
  postscriptName?: string;
}

/** Windows / CESI file names per role, best first. */
const WINDOWS_NAMES: Record<FontRole, Candidate[]> = {
  fangsong: [{ name: 'simfang.ttf' }, { name: 'FANGSONG_GB2312.TTF' }],
  fangsongBold: [{ name: 'simfang.ttf' }],
  heiti: [{ name: 'simhei.ttf' }],
  kaiti: [{ name: 'simkai.ttf' }, { name: 'KAITI_GB2312.TTF' }],
  // 方正小标宋 when installed (bureaus usually have it), else 黑体, else 宋体.
  title: [{ name: 'FZXBSJW.TTF' }, { name: 'simhei.ttf' }, { name: 'simsun.ttc', postscriptName: 'SimSun' }],
  songti: [{ name: 'simsun.ttc', postscriptName: 'SimSun' }, { name: 'simsun.ttf' }],
};

const CESI_NAMES: Record<FontRole, string[]> = {
  fangsong: ['CESI_FS_GB2312.TTF', 'CESI_FS_GB18030.TTF'],
  fangsongBold: ['CESI_FS_GB2312.TTF', 'CESI_FS_GB18030.TTF'],
  heiti: ['CESI_HT_GB2312.TTF', 'CESI_HT_GB18030.TTF'],
  kaiti: ['CESI_KT_GB2312.TTF', 'CESI_KT_GB18030.TTF'],
  title: ['CESI_XBS_GB2312.TTF', 'CESI_XBS_GB18030.TTF', 'CESI_HT_GB2312.TTF'],
  songti: ['CESI_SS_GB2312.TTF', 'CESI_SS_GB18030.TTF'],
};

/** Folders (under the system root) where Linux distributions put CESI or copied Windows fonts. */
const LINUX_DIRS = [
  'usr/share/fonts/truetype/cesi',
  'usr/share/fonts/cesi',
  'usr/share/fonts/fonts-cesi',
  'usr/share/fonts/truetype/windows',
  'usr/share/fonts/winfonts',
  'usr/share/fonts/windows',
  'usr/share/fonts/truetype/msttcorefonts',
];

/**
 * System sans-serif CJK faces (paths under the system root), best first:
 * Debian/UOS/麒麟 paths, then Fedora/Arch ones.
 */
export const SYSTEM_SANS: { file: string; postscriptName?: string }[] = [
  { file: 'usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKsc-Bold' },
  { file: 'usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKsc-Bold' },
  { file: 'usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKsc-Bold' },
  { file: 'usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
  { file: 'usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
  { file: 'usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', postscriptName: 'WenQuanYiZenHei' },
  { file: 'usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc', postscriptName: 'WenQuanYiZenHei' },
];

/** System 楷体 faces (paths under the system root), best first: LXGW WenKai, then AR PL KaitiM GB. */
export const SYSTEM_KAI: { file: string; postscriptName?: string }[] = [
  { file: 'usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf' },
  { file: 'usr/share/fonts/lxgw-wenkai/LXGWWenKai-Regular.ttf' },
  { file: 'usr/share/fonts/truetype/lxgw/LXGWWenKai-Regular.ttf' },
  { file: 'usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf' },
  { file: 'usr/share/fonts/truetype/arphic/gkai00mp.ttf' },
];

/** Bundled Noto Serif SC weights per role: the heavier the heading, the closer to 黑体/小标宋. */
const BUNDLED_WEIGHT: Record<FontRole, string> = {
  fangsong: '400Regular',
  fangsongBold: '700Bold',
  heiti: '900Black',
  kaiti: '500Medium',
  title: '700Bold',
  songti: '400Regular',
};

/** Where to look; the defaults describe this machine, tests pass their own folders. */
export interface FontEnvironment {
  /** TAIZHANG_FONT_DIR. */
  fontDir?: string | null;
  /** The Windows font folder (null off Windows). */
  windowsDir?: string | null;
  /** Root under which the Linux paths above are looked up (null off Linux). */
  systemRoot?: string | null;
  /** The folder of @expo-google-fonts/noto-serif-sc (null: not installed). */
  bundledDir?: string | null;
}

const exists = (file: string) => {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/** Resolves the bundled package folder from here, in tsx, vitest and an esbuild CommonJS bundle alike. */
function defaultBundledDir(): string | null {
  try {
    return path.dirname(requireHere.resolve('@expo-google-fonts/noto-serif-sc/package.json'));
  } catch {
    const guess = path.join(process.cwd(), 'node_modules', '@expo-google-fonts', 'noto-serif-sc');
    return fs.existsSync(guess) ? guess : null;
  }
}

/** This machine's environment. */
export function machineFontEnvironment(): Required<FontEnvironment> {
  return {
    fontDir: process.env.TAIZHANG_FONT_DIR || null,
    windowsDir: process.platform === 'win32' ? path.join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts') : null,
    systemRoot: process.platform === 'linux' ? '/' : null,
    bundledDir: defaultBundledDir(),
  };
}

function inDirs(dirs: string[], candidates: Candidate[], source: FontFile['source']): FontFile | null {
  for (const c of candidates) {
    for (const dir of dirs) {
      // Windows file names vary in case (SIMFANG.TTF on some installs).
      for (const name of new Set([c.name, c.name.toLowerCase(), c.name.toUpperCase()])) {
        const file = path.join(dir, name);
        if (exists(file)) return { file, postscriptName: c.postscriptName, source };
      }
    }
  }
  return null;
}

function systemFace(root: string, list: { file: string; postscriptName?: string }[]): FontFile | null {
  for (const s of list) {
    const file = path.join(root, s.file);
    if (exists(file)) return { file, postscriptName: s.postscriptName, source: 'system' };
  }
  return null;
}

/** The free system face of a role's kind on Linux (step 4 above), or null. */
function systemOfKind(root: string, role: FontRole): FontFile | null {
  if (role === 'heiti' || role === 'title') return systemSans(root);
  if (role === 'kaiti') return systemFace(root, SYSTEM_KAI);
  return null;
}

function systemSans(root: string, singleFileOnly = false): FontFile | null {
  for (const s of SYSTEM_SANS) {
    if (singleFileOnly && s.postscriptName) continue;
    const file = path.join(root, s.file);
    if (exists(file)) return { file, postscriptName: s.postscriptName, source: 'system' };
  }
  return null;
}

function bundled(env: FontEnvironment, role: FontRole): FontFile | null {
  if (!env.bundledDir) return null;
  const weight = BUNDLED_WEIGHT[role];
  const file = path.join(env.bundledDir, weight, `NotoSerifSC_${weight}.ttf`);
  return exists(file) ? { file, source: 'bundled' } : null;
}

function resolveRole(env: FontEnvironment, role: FontRole): FontFile {
  const root = env.systemRoot;
  const found =
    (env.fontDir ? inDirs([env.fontDir], WINDOWS_NAMES[role], 'env') : null) ??
    (env.windowsDir ? inDirs([env.windowsDir], WINDOWS_NAMES[role], 'windows') : null) ??
    (root
      ? (inDirs(LINUX_DIRS.map((d) => path.join(root, d)), CESI_NAMES[role].map((name) => ({ name })), 'system') ??
        inDirs(LINUX_DIRS.map((d) => path.join(root, d)), WINDOWS_NAMES[role].filter((c) => !c.postscriptName), 'system') ??
        systemOfKind(root, role))
      : null) ??
    bundled(env, role);
  if (!found) {
    throw new Error(
      `找不到生成PDF所需的中文字体（${role}）。请安装仿宋、黑体、楷体字体，或设置环境变量 TAIZHANG_FONT_DIR 指向存放 simfang.ttf、simhei.ttf、simkai.ttf 的文件夹。`,
    );
  }
  return found;
}

/** The fonts of an environment (see the order at the top of this file). */
export function resolveFontSet(env: FontEnvironment): FontSet {
  const roles: FontRole[] = ['fangsong', 'fangsongBold', 'heiti', 'kaiti', 'title', 'songti'];
  const set = Object.fromEntries(roles.map((r) => [r, resolveRole(env, r)])) as Record<FontRole, FontFile>;
  // A bold 仿宋 of another family would not match the body; the body's own face, stroked, does.
  const sameFace = (a: FontFile, b: FontFile) => a.file === b.file && (a.postscriptName ?? '') === (b.postscriptName ?? '');
  if (set.fangsongBold.source !== set.fangsong.source && !sameFace(set.fangsongBold, set.fangsong)) set.fangsongBold = { ...set.fangsong };
  if (sameFace(set.fangsongBold, set.fangsong)) set.fangsongBold = { ...set.fangsongBold, syntheticBold: true };
  const single = (f: FontFile) => (f.postscriptName ? null : f);
  // (The bundled "黑体" is Noto Serif Black, too heavy for small chart labels.)
  const chart =
    (set.heiti.source !== 'bundled' ? single(set.heiti) : null) ??
    (env.systemRoot ? systemSans(env.systemRoot, true) : null) ??
    single(set.fangsong) ??
    bundled(env, 'fangsong');
  if (!chart) throw new Error('找不到绘制图表所需的单文件中文字体（.ttf/.otf）。请设置环境变量 TAIZHANG_FONT_DIR 指向存放 simhei.ttf 的文件夹。');
  return { ...set, chart };
}

let cached: FontSet | null = null;

/** The fonts of this machine, looked up once per process. */
export function resolveFonts(): FontSet {
  return (cached ??= resolveFontSet(machineFontEnvironment()));
}

/** For tests: forget the looked-up fonts (after changing TAIZHANG_FONT_DIR). */
export function resetFontCache(): void {
  cached = null;
}
