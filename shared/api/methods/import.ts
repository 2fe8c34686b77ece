/** Import (导入): the bureau's own tables — xlsx, csv, pasted text — previewed, then committed all or nothing. */
import { z } from 'zod';
import { method } from '../method';
import type { ImportOutcome, ImportPreview } from '../../import/types';
import { planId } from './plan';

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
    /** The file's bytes, base64 (the browser door cannot send a path). */
    dataBase64: z.string().optional(),
    /** Pasted text, instead of a file. */
    text: z.string().optional(),
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
