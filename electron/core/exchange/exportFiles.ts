/**
 * Exports for sub-units: one fill-in workbook or data package per unit, each named after unit and
 * period; and the export-all step (导出全部) shared by every door: the whole set as one .zip (the
 * browser) or written into one folder (the desktop's folder chosen once, the CLI). What they read
 * is one Op (identitiesOp) on either engine (issue 22); the files are made from it as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { ApiError } from '../../../shared/api/errors';
import type { ExchangeExportFile, ExchangeExportZip, ExportedEntry } from '../../../shared/api/methods/exchange';
import { periodLabel } from '../../../shared/periods';
import type { ExchangeIdentity } from '../../../shared/exchange/identity';
import type { Plan } from '../../../shared/model/plan';
import type { Op, OpStore } from '../store/query';
import { buildIdentityOp, identityInputsOp, withDatabaseIdOn, type IdentityInputs } from './identity';
import { buildReturnPackageOp, packageOf } from './package';
import { PACKAGE_EXTENSION } from './packageFormat';
import { writeFillInWorkbook } from './workbook';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PACKAGE_MIME = 'application/json';
export const ZIP_MIME = 'application/zip';

/** File names must survive Windows: no \ / : * ? " < > |. */
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\r\n\t]/g, '_');

const file = (fileName: string, mimeType: string, unitId: number, unitName: string, bytes: Buffer): ExchangeExportFile => ({
  fileName: safeName(fileName),
  mimeType,
  unitId,
  unitName,
  byteLength: bytes.byteLength,
  base64: bytes.toString('base64'),
});

/** Every chosen unit's identification for the period, and the plan's data they share (its packages are made from it). */
interface Identities {
  plan: Plan;
  inputs: IdentityInputs;
  identities: ExchangeIdentity[];
}

function* identitiesOp(planId: number, unitIds: number[], period: string, databaseId: string): Op<Identities> {
  const inputs = yield* identityInputsOp(planId, period);
  const identities: ExchangeIdentity[] = [];
  for (const id of unitIds) identities.push(yield* buildIdentityOp(inputs, id, period, databaseId));
  return { plan: inputs.scope.plan, inputs, identities };
}

/** Built first: one bad unit refuses the whole request before any file is made (and writes nothing). */
const identitiesOn = (store: OpStore, planId: number, unitIds: number[], period: string) =>
  withDatabaseIdOn(store, (databaseId) => identitiesOp(planId, unitIds, period, databaseId));

const packageBytes = (identity: ExchangeIdentity, inputs: IdentityInputs) => Buffer.from(JSON.stringify(packageOf(identity, inputs), null, 1), 'utf8');

export async function exportForUnits(
  store: OpStore,
  planId: number,
  unitIds: number[],
  period: string,
  format: 'xlsx' | 'package',
): Promise<ExchangeExportFile[]> {
  const { identities, inputs } = await identitiesOn(store, planId, unitIds, period);
  const out: ExchangeExportFile[] = [];
  for (const identity of identities) {
    const base = `${identity.unit.name}_${periodLabel(period)}`;
    if (format === 'xlsx') {
      out.push(file(`${base}_填报表.xlsx`, XLSX_MIME, identity.unit.id, identity.unit.name, await writeFillInWorkbook(identity)));
    } else {
      out.push(file(`${base}_数据包${PACKAGE_EXTENSION}`, PACKAGE_MIME, identity.unit.id, identity.unit.name, packageBytes(identity, inputs)));
    }
  }
  return out;
}

export async function exportReturn(store: OpStore, planId: number, by: string): Promise<ExchangeExportFile> {
  const { pkg, identity } = await store.read(buildReturnPackageOp(planId, by));
  const bytes = Buffer.from(JSON.stringify(pkg, null, 1), 'utf8');
  return file(`${identity.unit.name}_${periodLabel(identity.period)}_回报${PACKAGE_EXTENSION}`, PACKAGE_MIME, identity.unit.id, identity.unit.name, bytes);
}

/** How far an export-all step is: `done` of `total` files made, the one being made now. */
export type ExportProgress = (done: number, total: number, current: string | null) => void;

/** The set's name, for the .zip and the folder: plan, period and what it holds ("…工作要点_2022年1-12月_填报表"). */
export function exportSetName(planTitle: string, period: string, formats: readonly ('xlsx' | 'package')[]): string {
  const what = formats.includes('xlsx') && formats.includes('package') ? '填报表和数据包' : formats.includes('package') ? '数据包' : '填报表';
  return safeName(`${planTitle.trim() || '工作要点'}_${periodLabel(period)}_${what}`);
}

/**
 * Every chosen unit's fill-in workbook and/or data package in one step (导出全部): the
 * files in memory, made one after the other with progress, named as exportForUnits names them.
 * One bad unit refuses the whole request before any file is made.
 */
export async function exportSet(
  store: OpStore,
  planId: number,
  unitIds: number[],
  period: string,
  formats: readonly ('xlsx' | 'package')[],
  onProgress: ExportProgress = () => {},
): Promise<{ name: string; files: (ExportedEntry & { bytes: Buffer })[] }> {
  const wanted = (['xlsx', 'package'] as const).filter((f) => formats.includes(f));
  const { plan, identities, inputs } = await identitiesOn(store, planId, unitIds, period);
  const total = identities.length * wanted.length;
  const files: (ExportedEntry & { bytes: Buffer })[] = [];
  for (const identity of identities) {
    for (const format of wanted) {
      const base = `${identity.unit.name}_${periodLabel(period)}`;
      const fileName = safeName(format === 'xlsx' ? `${base}_填报表.xlsx` : `${base}_数据包${PACKAGE_EXTENSION}`);
      onProgress(files.length, total, fileName);
      const bytes = format === 'xlsx' ? await writeFillInWorkbook(identity) : packageBytes(identity, inputs);
      files.push({ fileName, unitName: identity.unit.name, format, byteLength: bytes.byteLength, bytes });
    }
  }
  onProgress(total, total, null);
  return { name: exportSetName(plan.title, period, wanted), files };
}

const entryOf = ({ fileName, unitName, format, byteLength }: ExportedEntry): ExportedEntry => ({ fileName, unitName, format, byteLength });

/** The set as one .zip (the browser's download): named by plan and period, the files at its top level. */
export async function exportZip(
  store: OpStore,
  planId: number,
  unitIds: number[],
  period: string,
  formats: readonly ('xlsx' | 'package')[],
  onProgress?: ExportProgress,
): Promise<ExchangeExportZip> {
  const set = await exportSet(store, planId, unitIds, period, formats, onProgress);
  const zip = new JSZip();
  // A fixed date: the same export gives the same bytes, and no time zone leaks into the entries.
  for (const f of set.files) zip.file(f.fileName, f.bytes, { date: new Date(Date.UTC(2000, 0, 1)) });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
  return { fileName: `${set.name}.zip`, mimeType: ZIP_MIME, byteLength: bytes.byteLength, base64: bytes.toString('base64'), files: set.files.map(entryOf) };
}

/**
 * The set written into a new folder inside `dir` (the desktop's one folder chosen once, the CLI's
 * --out), named by plan and period — "（2）" when that name is taken, so nothing already there is
 * overwritten. The files go into a hidden temporary folder first, renamed at the end: a failure
 * leaves no half-written set behind.
 */
export async function exportToFolder(
  store: OpStore,
  planId: number,
  unitIds: number[],
  period: string,
  formats: readonly ('xlsx' | 'package')[],
  dir: string,
  onProgress?: ExportProgress,
): Promise<{ folder: string; files: ExportedEntry[] }> {
  if (!path.isAbsolute(dir)) throw new ApiError('bad_request', `导出位置“${dir}”不是完整的文件夹路径。`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new ApiError('bad_request', `找不到文件夹“${dir}”，请重新选择导出位置。`);
  }
  if (!stat.isDirectory()) throw new ApiError('bad_request', `“${dir}”不是文件夹，请重新选择导出位置。`);
  const set = await exportSet(store, planId, unitIds, period, formats, onProgress);
  let folder = path.join(dir, set.name);
  for (let n = 2; fs.existsSync(folder); n++) folder = path.join(dir, `${set.name}（${n}）`);
  const staging = fs.mkdtempSync(path.join(dir, '.taizhang-export-'));
  try {
    for (const f of set.files) fs.writeFileSync(path.join(staging, f.fileName), f.bytes);
    fs.renameSync(staging, folder);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  return { folder, files: set.files.map(entryOf) };
}
