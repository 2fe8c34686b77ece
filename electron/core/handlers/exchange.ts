/** Handlers of shared/api/methods/exchange.ts: thin, the work is in electron/core/exchange/. */
import type { exchangeMethods } from '../../../shared/api/methods/exchange';
import { applyReturns } from '../exchange/apply';
import { exportForUnits, exportReturn } from '../exchange/exportFiles';
import { openPackage, packageInfo } from '../exchange/package';
import { reviewFile } from '../exchange/review';
import type { HandlersOf } from './types';
import { requireOperator } from '../caller';

const bytesOf = (base64: string) => Buffer.from(base64, 'base64');

export const exchangeHandlers: HandlersOf<typeof exchangeMethods> = {
  'exchange.export': async ({ db }, { planId, period, unitIds, format }) => ({
    files: await exportForUnits(db, planId, unitIds, period, format),
  }),
  'exchange.review': async ({ db }, { planId, files }) => {
    const reviews = [];
    for (const f of files) reviews.push((await reviewFile(db, planId, f.fileName, bytesOf(f.dataBase64))).review);
    return { reviews };
  },
  'exchange.apply': async (ctx, { planId, files }) => {
    const { db, caller, emit } = ctx;
    const result = await applyReturns(
      ctx,
      requireOperator(db, caller),
      planId,
      files.map((f) => ({ fileName: f.fileName, bytes: bytesOf(f.dataBase64), accept: f.accept })),
    );
    if (result.figures + result.progress > 0) emit('data.changed', { planId, reason: 'exchange' });
    return result;
  },
  'exchange.openPackage': (ctx, { fileName, dataBase64 }) => {
    const { db, caller, emit } = ctx;
    const opened = openPackage(ctx, bytesOf(dataBase64), fileName, () => requireOperator(db, caller));
    if (!opened.alreadyOpened) emit('data.changed', { planId: null, reason: 'plans' });
    return opened;
  },
  'exchange.packageInfo': ({ db }, { planId }) => packageInfo(db, planId),
  'exchange.exportReturn': ({ db, caller }, { planId }) => exportReturn(db, planId, requireOperator(db, caller)),
};
