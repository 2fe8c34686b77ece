/**
 * Handlers of shared/api/methods/exchange.ts: thin, the work is in electron/core/exchange/.
 * Written once over an ExchangeOn (exchange/on.ts, issue 22): the SQLite core runs them on its file
 * (`exchangeHandlers`), the PostgreSQL core on its store (store/postgres/core.ts, `exchangeHandlersFor`).
 */
import type { z } from 'zod';
import type { exchangeMethods } from '../../../shared/api/methods/exchange';
import { applyReturns } from '../exchange/apply';
import { ApiError } from '../../../shared/api/errors';
import { exportForUnits, exportReturn, exportToFolder, exportZip, type ExportProgress } from '../exchange/exportFiles';
import { openPackageOn, packageInfoOp } from '../exchange/package';
import { reviewFile } from '../exchange/review';
import type { HandlersOf } from './types';
import { exportIssuePackages } from '../exchange/issue';
import { adoptIssuedBacked, issuedViewOp } from '../exchange/issued';
import { receivePackage } from '../exchange/receive';
import { exportToParent } from '../exchange/toParent';
import { operatorOn, sqliteExchangeOn, type ExchangeOn } from '../exchange/on';

type Methods = typeof exchangeMethods;
type ExchangeHandlersOn = {
  [M in keyof Methods]: (on: ExchangeOn, req: z.output<Methods[M]['request']>) => Promise<Methods[M]['response']>;
};

const bytesOf = (base64: string) => Buffer.from(base64, 'base64');

let exportJobs = 0;

/** 导出全部's progress as job.progress events: file k of n, the one being made named. */
function exportProgress(on: ExchangeOn, jobId: string | undefined): ExportProgress {
  const id = jobId ?? `exchange-export-${++exportJobs}`;
  return (done, total, current) =>
    on.emit('job.progress', { jobId: id, kind: 'exchange.export', stage: current ? `正在生成 ${current}` : '已完成', done, total });
}

/** Every exchange method, on whichever store `on` is. */
const exchangeMethodsOn: ExchangeHandlersOn = {
  'exchange.export': async ({ store }, { planId, period, unitIds, format }) => ({
    files: await exportForUnits(store, planId, unitIds, period, format),
  }),
  'exchange.exportZip': (on, { planId, period, unitIds, formats, jobId }) => exportZip(on.store, planId, unitIds, period, formats, exportProgress(on, jobId)),
  'exchange.exportToFolder': async (on, { planId, period, unitIds, formats, jobId, dir }) => {
    // A browser tab cannot choose a folder on this PC: it downloads the .zip. Only the desktop shell
    // (which asks with its own folder dialog) and the command line name one.
    if (on.caller.kind === 'session') throw new ApiError('bad_request', '浏览器版不能直接写入本机文件夹，请使用“导出全部”下载压缩包。');
    return exportToFolder(on.store, planId, unitIds, period, formats, dir, exportProgress(on, jobId));
  },
  'exchange.review': async ({ store }, { planId, files }) => {
    const reviews = [];
    for (const f of files) reviews.push((await reviewFile(store, planId, f.fileName, bytesOf(f.dataBase64))).review);
    return { reviews };
  },
  'exchange.apply': async (on, { planId, files }) =>
    applyReturns(
      on,
      await operatorOn(on),
      planId,
      files.map((f) => ({ fileName: f.fileName, bytes: bytesOf(f.dataBase64), accept: f.accept })),
    ),
  'exchange.openPackage': (on, { fileName, dataBase64 }) => openPackageOn(on, bytesOf(dataBase64), fileName),
  'exchange.packageInfo': ({ store }, { planId }) => store.read(packageInfoOp(planId)),
  'exchange.issue': async ({ store }, { planId, unitIds }) => ({ files: await exportIssuePackages(store, planId, unitIds) }),
  'exchange.receive': (on, { fileName, dataBase64, commit, adopt }) => receivePackage(on, bytesOf(dataBase64), fileName, { commit, adopt }),
  'exchange.issued': ({ store }, { planId }) => store.read(issuedViewOp(planId)),
  'exchange.adoptIssued': async (on, { planId, upperIndicatorIds }) => {
    const { result: changed, backup } = await on.withBackup(adoptIssuedBacked(await operatorOn(on), planId, upperIndicatorIds));
    return { changed, backupId: backup?.id ?? null };
  },
  'exchange.exportToParent': async (on, { planId, period, format }) => exportToParent(on.store, planId, period, format, await operatorOn(on)),
  'exchange.exportReturn': async (on, { planId }) => exportReturn(on.store, planId, await operatorOn(on)),
};

/** The exchange methods for a core whose calls carry a `C`: each call runs on the ExchangeOn `on(ctx)` makes. */
export function exchangeHandlersFor<C>(on: (ctx: C) => ExchangeOn): { [M in keyof Methods]: (ctx: C, req: z.output<Methods[M]['request']>) => Promise<Methods[M]['response']> } {
  const run = (handler: unknown) => (ctx: C, req: unknown) => (handler as (on: ExchangeOn, req: unknown) => Promise<unknown>)(on(ctx), req);
  return Object.fromEntries(Object.entries(exchangeMethodsOn).map(([method, handler]) => [method, run(handler)])) as never;
}

/** The SQLite core's: the same handlers on its file (runSync, writeTx, the file's copies). */
export const exchangeHandlers: HandlersOf<Methods> = exchangeHandlersFor(sqliteExchangeOn);
