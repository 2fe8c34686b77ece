/**
 * The reliability campaign kept in the suite: a few hundred generated bad
 * files (test/helpers/hostileFiles.ts fuzzCases: truncated zips, mutated
 * XML, flipped bytes, far merges and cells, NaN/INF/error cells, giant and
 * odd strings, wrong encodings, random bytes named .xlsx/.csv, empty and
 * incomplete workbooks) go through import.preview and import.commit of the
 * real core, and hold:
 *   0 crashes  — every call answers (no exception, no "internal" error),
 *   0 hangs    — every call answers within the file worker's budget (the test's timeout catches the rest),
 *   0 partial writes — a refused commit leaves every table as it was (checksum),
 *   every message Chinese, without a library's English, of readable length,
 *   and located — it names the file, or carries its sheet.
 * Deterministic (fixed seed). More: TAIZHANG_FUZZ_CASES=5000 TAIZHANG_FUZZ_SEED=7 npx vitest run test/integration/import-fuzz.test.ts
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { stopFileWorker } from '../../electron/core/jobs/fileJob';
import type { ImportOutcome, ImportPreview } from '../../shared/import/types';
import { fuzzCases, fuzzReturns, messageFaults, type FuzzCase } from '../helpers/hostileFiles';
import type { ReturnReview } from '../../shared/exchange/review';
import { dumpStore, testStore, type TestStore } from '../helpers/testStore';

const SEED = Number(process.env.TAIZHANG_FUZZ_SEED ?? 20_221_231);
const COUNT = Number(process.env.TAIZHANG_FUZZ_CASES ?? 300);

let s: TestStore;
let core: Core;

beforeAll(async () => {
  s = await testStore('example');
  core = s.core;
});

afterAll(async () => {
  await s?.close();
  await stopFileWorker();
});

const checksum = async () => crypto.createHash('sha256').update(await dumpStore(s)).digest('hex');

/** What is wrong with one answer; empty when it is as it must be. */
function faultsOf(c: FuzzCase, answer: ImportPreview): string[] {
  const faults: string[] = [];
  for (const p of answer.problems) {
    for (const f of messageFaults(p.message)) faults.push(`${f}: ${p.message.slice(0, 160)}`);
    const located = p.sheet !== '' || p.message.includes(`“${c.fileName}”`);
    if (p.level === 'error' && !located) faults.push(`not located: ${p.message.slice(0, 160)}`);
  }
  if (!answer.ok && !answer.problems.some((p) => p.level === 'error')) faults.push('refused without an error');
  return faults;
}

describe(`import fuzz: ${COUNT} generated bad files (seed ${SEED})`, () => {
  it('0 crashes, 0 hangs, 0 partial writes; every message Chinese and located', { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    const tally = { refused: 0, read: 0, committed: 0 };
    for (const c of fuzzCases(SEED, COUNT)) {
      const request = { fileName: c.fileName, dataBase64: c.bytes.toString('base64') };
      const preview = await core.call('import.preview', request);
      if (!preview.ok) {
        failures.push(`${c.label} (${c.fileName}): preview failed — ${preview.error.code} ${preview.error.message}`);
        continue;
      }
      const seen = preview.value as ImportPreview;
      failures.push(...faultsOf(c, seen).map((f) => `${c.label} (${c.fileName}): preview ${f}`));
      const before = await checksum();
      const commit = await core.call('import.commit', request);
      if (!commit.ok) {
        failures.push(`${c.label} (${c.fileName}): commit failed — ${commit.error.code} ${commit.error.message}`);
        if ((await checksum()) !== before) failures.push(`${c.label}: a failed commit changed the database`);
        continue;
      }
      const outcome = commit.value as ImportOutcome;
      failures.push(...faultsOf(c, outcome).map((f) => `${c.label} (${c.fileName}): commit ${f}`));
      if (outcome.committed) tally.committed++;
      else if ((await checksum()) !== before) failures.push(`${c.label} (${c.fileName}): a refused commit changed the database`);
      if (seen.ok) tally.read++;
      else tally.refused++;
    }
    expect(failures).toEqual([]);
    // The generator makes mostly bad files; some survive as readable tables (and may even commit).
    expect(tally.refused).toBeGreaterThan(COUNT / 2);
    expect(tally.refused + tally.read).toBe(COUNT);
  });
});

describe(`return fuzz: ${Math.round(COUNT / 3)} bad returned files through 回报审核 (seed ${SEED})`, () => {
  it('0 crashes, nothing written, every refusal Chinese and naming the file', { timeout: 600_000 }, async () => {
    const plans = await core.call('plans.list', {});
    const planId = plans.ok ? (plans.value as { id: number }[])[0].id : 0;
    const failures: string[] = [];
    const before = await checksum();
    for (const c of fuzzReturns(SEED, Math.round(COUNT / 3))) {
      const r = await core.call('exchange.review', { planId, files: [{ fileName: c.fileName, dataBase64: c.bytes.toString('base64') }] });
      if (!r.ok) {
        failures.push(`${c.label} (${c.fileName}): review failed — ${r.error.code} ${r.error.message}`);
        continue;
      }
      const [review] = (r.value as { reviews: ReturnReview[] }).reviews;
      if (!review.refusal) failures.push(`${c.label} (${c.fileName}): taken as a return`);
      else {
        for (const f of messageFaults(review.refusal)) failures.push(`${c.label} (${c.fileName}): ${f}: ${review.refusal.slice(0, 160)}`);
        if (!review.refusal.includes(`“${c.fileName}”`) && !/填报表|数据包|识别信息/.test(review.refusal)) {
          failures.push(`${c.label} (${c.fileName}): not located: ${review.refusal.slice(0, 160)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await checksum()).toBe(before);
  });
});
