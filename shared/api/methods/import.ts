/** Import (导入): the bureau's own tables — xlsx, csv, pasted text — previewed, then committed all or nothing. */
import { z } from 'zod';
import { method } from '../method';
import type { ImportOutcome, ImportPreview } from '../../import/types';
import { planId } from './plan';
import { isBase64, IMPORT_MAX_BASE64_CHARS, IMPORT_MAX_LABEL, IMPORT_MAX_TEXT_CHARS } from '../../import/limits';

const role = z.enum([
  'seq', 'content', 'lead', 'responsible', 'deadline', 'unit', 'value',
  'indicator', 'target', 'measureUnit', 'wording', 'baseline', 'ignore',
]);
const kind = z.enum(['tasks', 'targets', 'goals']);

const sheetOptions = z
  .object({
    skip: z.boolean().optional(),
    kind: kind.optional(),
    orientation: z.enum(['unitRows', 'indicatorRows']).optional(),
    headerRow: z.number().int().positive().optional(),
    columns: z.record(z.string().regex(/^\d+$/), role).optional(),
  })
  .strict();

const unitFix = z.union([
  z.object({ unitId: z.number().int().positive() }).strict(),
  z.object({ add: z.enum(['street', 'town', 'zone', 'department']) }).strict(),
]);

const importFields = {
    /** The file's name (its extension helps tell formats apart); for pasted text any label. */
    fileName: z.string().max(260),
    /** The file's bytes, base64 (the browser door cannot send a path); at most IMPORT_MAX_BYTES once decoded. */
    dataBase64: z
      .string()
      .max(IMPORT_MAX_BASE64_CHARS, { message: `文件超过导入上限 ${IMPORT_MAX_LABEL}。请只保留要导入的工作表后另存，再导入。` })
      .refine(isBase64, { message: '文件内容的编码（base64）不正确，文件可能没有读完整。请重新选择文件。' })
      .optional(),
    /** Pasted text, instead of a file. */
    text: z
      .string()
      .max(IMPORT_MAX_TEXT_CHARS, { message: `粘贴的文字超过 ${IMPORT_MAX_TEXT_CHARS / 10_000} 万字。请只粘贴要导入的表格，或另存为文件后导入。` })
      .optional(),
    /** The plan to import into; the newest plan when omitted. */
    planId: planId.optional(),
    options: z
      .object({
        sheets: z.record(z.string(), sheetOptions).optional(),
        unitFixes: z.record(z.string(), unitFix).optional(),
        /** No plan in the database yet: start one (corrections over what the file says) and import into it. */
        createPlan: z
          .object({
            title: z.string().trim().min(1).max(200).optional(),
            year: z.number().int().min(1990).max(2100).optional(),
            unitName: z.string().trim().min(1).max(60).optional(),
          })
          .strict()
          .optional(),
        /** Tasks the table no longer has are deleted even when they have progress (任务进展), which goes with them. */
        allowDeleteProgress: z.boolean().optional(),
        /** The reading for sheets the file leaves open (CLI --kind): a sheet that can be read this way is. */
        kind: kind.optional(),
        /** 以本表为准: remove the targets the file leaves out; let a different task table replace the plan's (CLI --replace). */
        replace: z.boolean().optional(),
        /** Every diff item rather than the first few hundred of each list (CLI --json). */
        fullDiff: z.boolean().optional(),
      })
      .strict()
      .optional(),
};

const oneSource = (r: { dataBase64?: string; text?: string }) => (r.dataBase64 === undefined) !== (r.text === undefined);
const ONE_SOURCE = { message: '请提供文件内容或粘贴的文字（二者选一）' };

export const importRequest = z.object(importFields).strict().refine(oneSource, ONE_SOURCE);
export const importCommitRequest = z
  .object({
    ...importFields,
    /** Check everything, write nothing (the CLI's --dry-run). */
    dryRun: z.boolean().optional(),
    /** The preview's revision: refused ('conflict') when the plan's data changed since that preview. */
    expectRevision: z.string().max(64).optional(),
  })
  .strict()
  .refine(oneSource, ONE_SOURCE);

export const importMethods = {
  'import.preview': method<ImportPreview>()(
    importRequest,
    'Reads a file or pasted text, recognises each sheet (tasks / targets / goals), matches units and indicators, and returns the preview: rows, column mapping, unknown units with suggestions, problems with sheet/row/column, and the diff against the plan. Writes nothing.',
  ),
  'import.commit': method<ImportOutcome>()(
    importCommitRequest,
    'The same as import.preview, then — when there is no error — writes everything in one transaction (committed: true). With errors nothing is written (committed: false).',
  ),
} as const;
