/**
 * One summary PDF in a fresh process, for bench/cases/summary-pdf.ts:
 * `tsx bench/cases/summary-pdf-child.ts DB OUT`. Renders in this process's
 * worker thread, exactly as the app does, and prints the byte count.
 */
import fs from 'node:fs';
import { openCore } from '../../electron/core';
import { stopPdfWorker } from '../../electron/core/jobs/summaryPdfJob';

const [dbPath, out] = process.argv.slice(2);
const core = openCore({ dbPath });
const plans = await core.call('plans.list', {});
if (!plans.ok) throw new Error(plans.error.message);
const planId = (plans.value as { id: number }[])[0].id;
const r = await core.call('summary.pdf', { planId, year: 2022, today: '2023-01-10' });
if (!r.ok) throw new Error(r.error.message);
const bytes = Buffer.from((r.value as { base64: string }).base64, 'base64');
fs.writeFileSync(out, bytes);
core.close();
await stopPdfWorker();
console.log(bytes.byteLength);
