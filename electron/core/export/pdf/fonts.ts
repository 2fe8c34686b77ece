/**
 * Which font files the summary uses. GB/T 9704 asks for 仿宋 (body), 黑体
 * (level-1 headings), 楷体 (level 2), 小标宋 (title). In order of preference:
 *   1. a folder named by TAIZHANG_FONT_DIR holding the Windows file names;
 *   2. Windows' own fonts (C:\Windows\Fonts: simfang.ttf, simhei.ttf, simkai.ttf, simsun.ttc);
 *   3. single-file TrueType/OpenType fonts of Linux systems (统信UOS and 麒麟 ship the
 *      CESI fonts; Windows fonts copied to /usr/share/fonts);
 *   4. the bundled open-licence Noto Serif SC (node_modules/@expo-google-fonts/noto-serif-sc),
 *      one .ttf per weight, used for whatever is still missing.
 * The chart font must be a single-file TTF/OTF (the SVG renderer opens it by path).
 */
import fs from 'node:fs';
import path from 'node:path';
import { requireHere } from './requireHere';

export type FontRole = 'fangsong' | 'fangsongBold' | 'heiti' | 'kaiti' | 'title';

export interface FontFile {
  file: string;
  /** PostScript name inside a .ttc collection; undefined for single-file fonts. */
  postscriptName?: string;
  /** Where it came from, for the report in the CLI and the UI. */
  source: 'env' | 'windows' | 'system' | 'bundled';
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
};

const CESI_NAMES: Record<FontRole, string[]> = {
  fangsong: ['CESI_FS_GB2312.TTF', 'CESI_FS_GB18030.TTF'],
  fangsongBold: ['CESI_FS_GB2312.TTF', 'CESI_FS_GB18030.TTF'],
  heiti: ['CESI_HT_GB2312.TTF', 'CESI_HT_GB18030.TTF'],
  kaiti: ['CESI_KT_GB2312.TTF', 'CESI_KT_GB18030.TTF'],
  title: ['CESI_XBS_GB2312.TTF', 'CESI_XBS_GB18030.TTF', 'CESI_HT_GB2312.TTF'],
};

const LINUX_DIRS = [
  '/usr/share/fonts/truetype/cesi',
  '/usr/share/fonts/cesi',
  '/usr/share/fonts/fonts-cesi',
  '/usr/share/fonts/truetype/windows',
  '/usr/share/fonts/winfonts',
  '/usr/share/fonts/windows',
  '/usr/share/fonts/truetype/msttcorefonts',
];

/** Bundled Noto Serif SC weights per role: the heavier the heading, the closer to 黑体/小标宋. */
const BUNDLED_WEIGHT: Record<FontRole, string> = {
  fangsong: '400Regular',
  fangsongBold: '700Bold',
  heiti: '900Black',
  kaiti: '500Medium',
  title: '700Bold',
};

const exists = (file: string) => {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/** Resolves the bundled package folder from here, in tsx, vitest and an esbuild CommonJS bundle alike. */
function bundledDir(): string | null {
  try {
    return path.dirname(requireHere.resolve('@expo-google-fonts/noto-serif-sc/package.json'));
  } catch {
    const guess = path.join(process.cwd(), 'node_modules', '@expo-google-fonts', 'noto-serif-sc');
    return fs.existsSync(guess) ? guess : null;
  }
}

function bundled(role: FontRole): FontFile | null {
  const dir = bundledDir();
  if (!dir) return null;
  const weight = BUNDLED_WEIGHT[role];
  const file = path.join(dir, weight, `NotoSerifSC_${weight}.ttf`);
  return exists(file) ? { file, source: 'bundled' } : null;
}

function inDirs(dirs: string[], candidates: Candidate[], source: FontFile['source']): FontFile | null {
  for (const c of candidates) {
    for (const dir of dirs) {
      // Windows file names vary in case (SIMFANG.TTF on some installs).
      for (const name of [c.name, c.name.toLowerCase(), c.name.toUpperCase()]) {
        const file = path.join(dir, name);
        if (exists(file)) return { file, postscriptName: c.postscriptName, source };
      }
    }
  }
  return null;
}

function resolveRole(role: FontRole): FontFile {
  const envDir = process.env.TAIZHANG_FONT_DIR;
  const windowsDir = process.platform === 'win32' ? path.join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts') : null;
  const found =
    (envDir ? inDirs([envDir], WINDOWS_NAMES[role], 'env') : null) ??
    (windowsDir ? inDirs([windowsDir], WINDOWS_NAMES[role], 'windows') : null) ??
    (process.platform === 'linux'
      ? (inDirs(LINUX_DIRS, CESI_NAMES[role].map((name) => ({ name })), 'system') ??
        inDirs(LINUX_DIRS, WINDOWS_NAMES[role].filter((c) => !c.postscriptName), 'system'))
      : null) ??
    bundled(role);
  if (!found) {
    throw new Error(
      `找不到生成PDF所需的中文字体（${role}）。请安装仿宋、黑体、楷体字体，或设置环境变量 TAIZHANG_FONT_DIR 指向存放 simfang.ttf、simhei.ttf、simkai.ttf 的文件夹。`,
    );
  }
  return found;
}

let cached: FontSet | null = null;

/** The fonts of this machine, looked up once per process. */
export function resolveFonts(): FontSet {
  if (cached) return cached;
  const roles: FontRole[] = ['fangsong', 'fangsongBold', 'heiti', 'kaiti', 'title'];
  const set = Object.fromEntries(roles.map((r) => [r, resolveRole(r)])) as Record<FontRole, FontFile>;
  // Charts need one single-file font: 黑体 if it is one, else the body font, else the bundled one.
  const single = (f: FontFile) => (f.postscriptName ? null : f);
  // (The bundled "黑体" is Noto Serif Black, too heavy for small chart labels.)
  const chart = (set.heiti.source !== 'bundled' ? single(set.heiti) : null) ?? single(set.fangsong) ?? bundled('fangsong');
  if (!chart) throw new Error('找不到绘制图表所需的单文件中文字体（.ttf/.otf）。');
  cached = { ...set, chart };
  return cached;
}

/** For tests: forget the looked-up fonts (after changing TAIZHANG_FONT_DIR). */
export function resetFontCache(): void {
  cached = null;
}
