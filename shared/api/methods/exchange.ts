/**
 * Exchange with sub-units (数据交换): fill-in workbooks and data packages
 * out, returns in. Files travel as base64 both ways (the browser door cannot
 * send or receive paths). Reviewing writes nothing; applying writes the
 * accepted cells in one transaction.
 */
import { z } from 'zod';
import { method } from '../method';
import type { ApplyResult, OpenedPackage, PackageInfo, ReturnReview } from '../../exchange/review';
import type { IssueReceipt, IssuedView } from '../../exchange/issue';
import { planId } from './plan';
import { periodSchema } from './figures';
import { jobId } from './summary';

export interface ExchangeExportFile {
  fileName: string;
  mimeType: string;
  unitId: number;
  unitName: string;
  byteLength: number;
  base64: string;
}

/** One file of an export-all step (导出全部), as the list of what was written shows it. */
export interface ExportedEntry {
  fileName: string;
  unitName: string;
  format: 'xlsx' | 'package';
  byteLength: number;
}

/** The whole set as one .zip (the browser's download), named by plan and period. */
export interface ExchangeExportZip {
  fileName: string;
  mimeType: string;
  byteLength: number;
  base64: string;
  files: ExportedEntry[];
}

/** The set written into a new folder; folder null when the desktop's folder dialog was cancelled. */
export interface ExchangeExportFolder {
  folder: string | null;
  files: ExportedEntry[];
}

/** The method the desktop shell answers with its folder dialog before the core writes (electron/downloads.ts). */
export const EXPORT_TO_FOLDER_METHOD = 'exchange.exportToFolder' as const;

const id = z.number().int().positive();
const fileName = z.string().trim().min(1, '文件名不能为空').max(260);
/** 14 MB of file as base64 (the import limit); the web door carries up to 20 MB a request. */
const dataBase64 = z.string().min(1, '文件内容为空').max(19_000_000, '文件太大（超过14 MB），不是台账的填报表或数据包。');
const file = z.object({ fileName, dataBase64 }).strict();
const progressValue = z
  .object({ status: z.enum(['not_started', 'in_progress', 'done', 'late']), text: z.string().max(1000) })
  .strict();

const exportAll = {
  planId,
  period: periodSchema,
  unitIds: z.array(id).min(1, '请至少选择一个下级单位').max(500),
  formats: z
    .array(z.enum(['xlsx', 'package'], { message: '格式应为 xlsx（填报表）或 package（数据包）' }))
    .min(1, '请至少选择填报表或数据包')
    .max(2),
  /** Matches the `job.progress` events (kind exchange.export) to the window that asked. */
  jobId,
};

export const exchangeMethods = {
  'exchange.export': method<{ files: ExchangeExportFile[] }>()(
    z
      .object({
        planId,
        period: periodSchema,
        unitIds: z.array(id).min(1, '请至少选择一个下级单位').max(500),
        format: z.enum(['xlsx', 'package'], { message: '格式应为 xlsx（填报表）或 package（数据包）' }),
      })
      .strict(),
    'One fill-in workbook (.xlsx: only the unit\'s open cells editable, validated, identification hidden) or data package (.tzpkg) per sub-unit for a period.',
  ),
  'exchange.exportZip': method<ExchangeExportZip>()(
    z.object(exportAll).strict(),
    'Every chosen sub-unit\'s fill-in workbook and/or data package for a period in one .zip named by plan and period, with the list of its files; progress as job.progress events.',
  ),
  'exchange.exportToFolder': method<ExchangeExportFolder>()(
    z.object({ ...exportAll, dir: z.string().trim().min(1, '请选择导出位置').max(1000) }).strict(),
    'The same set written into a new folder (named by plan and period) inside `dir`. The desktop shell fills `dir` from its folder dialog; browser sessions are refused (they download the .zip).',
  ),
  'exchange.review': method<{ reviews: ReturnReview[] }>()(
    z.object({ planId, files: z.array(file).min(1, '请选择要载入的回报文件').max(100) }).strict(),
    'Reads returned workbooks / return packages: unit, period, changes (old → new), conflicts, problems, or the reason a file is refused. Writes nothing.',
  ),
  'exchange.apply': method<ApplyResult>()(
    z
      .object({
        planId,
        files: z
          .array(
            z
              .object({
                fileName,
                dataBase64,
                accept: z.array(z.object({ key: z.string().max(100), seen: z.union([z.number(), z.null(), progressValue]) }).strict()).max(100_000),
              })
              .strict(),
          )
          .min(1)
          .max(100),
      })
      .strict(),
    'Takes in the accepted changes of returned files in one transaction, through the same validation, locks and history as typed values (source = file name). Refuses all when a choice is stale.',
  ),
  'exchange.openPackage': method<OpenedPackage>()(
    file,
    "Opens a district's data package as a plan of this database (the sub-unit's side), all or nothing.",
  ),
  'exchange.packageInfo': method<PackageInfo>()(z.object({ planId }).strict(), 'Whether the plan was opened from a data package, and for which unit and period.'),
  'exchange.issue': method<{ files: ExchangeExportFile[] }>()(
    z.object({ planId, unitIds: z.array(id).min(1, '请至少选择一个下级单位').max(2000) }).strict(),
    "下达: one plan package (.tzpkg) per sub-unit — the plan's goals, the upper level's and the sub-unit's own targets, the tasks that name it, the document's identity.",
  ),
  'exchange.receive': method<IssueReceipt>()(
    z.object({ fileName, dataBase64, commit: z.boolean(), adopt: z.boolean().default(false) }).strict(),
    "Receives a package from above: a city's plan as 上级下达 into this unit's plan for the year (created in an empty database), linked indicator to indicator; the district's own differing targets are kept unless `adopt`. A district's package to a street is opened as a plan. With commit false: what it would do; a refused package says why.",
  ),
  'exchange.issued': method<IssuedView>()(
    z.object({ planId }).strict(),
    'What the plan received from above: the current version\'s targets beside its own and its split among its sub-units, the issued tasks, versions and the last changes.',
  ),
  'exchange.adoptIssued': method<{ changed: number; backupId: string | null }>()(
    z.object({ planId, upperIndicatorIds: z.array(id).max(2000).nullable() }).strict(),
    "采用下达目标: the plan's own targets of the named issued indicators (null: all) become the issued values; a backup first.",
  ),
  'exchange.exportToParent': method<ExchangeExportFile & { figures: number; progress: number; upperUnitName: string }>()(
    z.object({ planId, period: periodSchema, format: z.enum(['xlsx', 'package'], { message: '格式应为 xlsx（填报表）或 package（数据包）' }) }).strict(),
    "上报: the plan's totals (its sub-units' sum or the figure entered) and its progress on the issued tasks for a period, as a return package or filled workbook for the level that issued the plan.",
  ),
  'exchange.exportReturn': method<ExchangeExportFile>()(
    z.object({ planId }).strict(),
    "The sub-unit's return package: its figures and progress for the package's cells, with the package's identification.",
  ),
} as const;
