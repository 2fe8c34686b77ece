/** Handlers of shared/api/methods/exchange.ts: thin, the work is in electron/core/exchange/. */
import type { exchangeMethods } from '../../../shared/api/methods/exchange';
import { applyReturns } from '../exchange/apply';
import { ApiError } from '../../../shared/api/errors';
import { exportForUnits, exportReturn, exportToFolder, exportZip, type ExportProgress } from '../exchange/exportFiles';
import type { ApiContext } from './types';
import { openPackage, packageInfo } from '../exchange/package';
import { reviewFile } from '../exchange/review';
import type { HandlersOf } from './types';
import { requireOperator } from '../caller';
import { exportIssuePackages } from '../exchange/issue';
import { adoptIssued, issuedView } from '../exchange/issued';
import { receivePackage } from '../exchange/receive';
import { exportToParent } from '../exchange/toParent';

const bytesOf = (base64: string) => Buffer.from(base64, 'base64');

let exportJobs = 0;

/** 导出全部's progress as job.progress events: file k of n, the one being made named. */
function exportProgress(ctx: ApiContext, jobId: string | undefined): ExportProgress {
  const id = jobId ?? `exchange-export-${++exportJobs}`;
  return (done, total, current) =>
    ctx.emit('job.progress', { jobId: id, kind: 'exchange.export', stage: current ? `正在生成 ${current}` : '已完成', done, total });
}

export const exchangeHandlers: HandlersOf<typeof exchangeMethods> = {
  'exchange.export': async ({ db }, { planId, period, unitIds, format }) => ({
    files: await exportForUnits(db, planId, unitIds, period, format),
  }),
  'exchange.exportZip': (ctx, { planId, period, unitIds, formats, jobId }) =>
    exportZip(ctx.db, planId, unitIds, period, formats, exportProgress(ctx, jobId)),
  'exchange.exportToFolder': async (ctx, { planId, period, unitIds, formats, jobId, dir }) => {
    // A browser tab cannot choose a folder on this PC: it downloads the .zip. Only the desktop shell
    // (which asks with its own folder dialog) and the command line name one.
    if (ctx.caller.kind === 'session') throw new ApiError('bad_request', '浏览器版不能直接写入本机文件夹，请使用“导出全部”下载压缩包。');
    return exportToFolder(ctx.db, planId, unitIds, period, formats, dir, exportProgress(ctx, jobId));
  },
  'exchange.review': async ({ db }, { planId, files }) => {
    const reviews = [];
    for (const f of files) reviews.push((await reviewFile(db, planId, f.fileName, bytesOf(f.dataBase64))).review);
    return { reviews };
  },
  'exchange.apply': async (ctx, { planId, files }) => {
    return applyReturns(
      ctx,
      requireOperator(ctx.db, ctx.caller),
      planId,
      files.map((f) => ({ fileName: f.fileName, bytes: bytesOf(f.dataBase64), accept: f.accept })),
    );
  },
  'exchange.openPackage': (ctx, { fileName, dataBase64 }) => openPackage(ctx, bytesOf(dataBase64), fileName, () => requireOperator(ctx.db, ctx.caller)),
  'exchange.packageInfo': ({ db }, { planId }) => packageInfo(db, planId),
  'exchange.issue': ({ db }, { planId, unitIds }) => ({ files: exportIssuePackages(db, planId, unitIds) }),
  'exchange.receive': (ctx, { fileName, dataBase64, commit, adopt }) =>
    receivePackage(ctx, bytesOf(dataBase64), fileName, { commit, adopt, requireBy: () => requireOperator(ctx.db, ctx.caller) }),
  'exchange.issued': ({ db }, { planId }) => issuedView(db, planId),
  'exchange.adoptIssued': (ctx, { planId, upperIndicatorIds }) => adoptIssued(ctx, requireOperator(ctx.db, ctx.caller), planId, upperIndicatorIds),
  'exchange.exportToParent': ({ db, caller }, { planId, period, format }) => exportToParent(db, planId, period, format, requireOperator(db, caller)),
  'exchange.exportReturn': ({ db, caller }, { planId }) => exportReturn(db, planId, requireOperator(db, caller)),
};
