/** Exports for sub-units: one fill-in workbook or data package per unit, each named after unit and period. */
import type { ExchangeExportFile } from '../../../shared/api/methods/exchange';
import { periodLabel } from '../../../shared/periods';
import type { Db } from '../db/open';
import { buildIdentity } from './identity';
import { buildPackage, buildReturnPackage } from './package';
import { PACKAGE_EXTENSION } from './packageFormat';
import { writeFillInWorkbook } from './workbook';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PACKAGE_MIME = 'application/json';

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

export async function exportForUnits(
  db: Db,
  planId: number,
  unitIds: number[],
  period: string,
  format: 'xlsx' | 'package',
): Promise<ExchangeExportFile[]> {
  // Build every identification first: one bad unit refuses the whole request before any file is made.
  const identities = unitIds.map((id) => buildIdentity(db, planId, id, period));
  const out: ExchangeExportFile[] = [];
  for (const identity of identities) {
    const base = `${identity.unit.name}_${periodLabel(period)}`;
    if (format === 'xlsx') {
      out.push(file(`${base}_填报表.xlsx`, XLSX_MIME, identity.unit.id, identity.unit.name, await writeFillInWorkbook(identity)));
    } else {
      const bytes = Buffer.from(JSON.stringify(buildPackage(db, identity), null, 1), 'utf8');
      out.push(file(`${base}_数据包${PACKAGE_EXTENSION}`, PACKAGE_MIME, identity.unit.id, identity.unit.name, bytes));
    }
  }
  return out;
}

export function exportReturn(db: Db, planId: number, by: string): ExchangeExportFile {
  const { pkg, identity } = buildReturnPackage(db, planId, by);
  const bytes = Buffer.from(JSON.stringify(pkg, null, 1), 'utf8');
  return file(`${identity.unit.name}_${periodLabel(identity.period)}_回报${PACKAGE_EXTENSION}`, PACKAGE_MIME, identity.unit.id, identity.unit.name, bytes);
}
