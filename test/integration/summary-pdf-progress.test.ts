/**
 * summary.pdf reports progress as `job.progress` events while the worker
 * lays out the PDF: in order, tagged with the request's jobId, in Chinese
 * stages, ending with one done === total event before the answer arrives —
 * straight from the core and through the web door's event stream.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { stopPdfWorker } from '../../electron/core/jobs/summaryPdfJob';
import { startWebHost, type WebHost } from '../../electron/web/host';
import type { JobProgress, SummaryPdf } from '../../shared/api/methods/summary';
import { exampleIdsOp, writeSampleYearOp } from '../helpers/summaryFixtures';
import { testStore, type TestStore } from '../helpers/testStore';

let s: TestStore;
let dir: string;
let core: Core;
let planId: number;

beforeAll(async () => {
  s = await testStore('example');
  ({ dir, core } = s);
  planId = (await s.store.read(exampleIdsOp())).plan;
  await s.store.write(writeSampleYearOp(2022, '测试员'));
});
afterAll(async () => {
  await s?.close();
  await stopPdfWorker();
});

/** The checks every job's events must pass. */
function expectOrderedJob(events: JobProgress[], jobId: string) {
  expect(events.length).toBeGreaterThanOrEqual(4);
  for (const e of events) {
    expect(e.jobId).toBe(jobId);
    expect(e.kind).toBe('summary.pdf');
    expect(e.total).toBe(100);
    expect(e.done).toBeGreaterThanOrEqual(0);
    expect(e.done).toBeLessThanOrEqual(e.total);
  }
  for (let i = 1; i < events.length; i++) expect(events[i].done).toBeGreaterThanOrEqual(events[i - 1].done);
  const stages = events.map((e) => e.stage);
  expect(stages[0]).toBe('正在计算指标');
  // The stages come in the order the work is done, each once in a run.
  const order = ['正在计算指标', '正在绘制图表', '正在排版', '正在写入PDF', '已完成'];
  const seen = [...new Set(stages)];
  expect(seen).toEqual(order);
  // Exactly one final event, and it is the last.
  expect(events.filter((e) => e.done === e.total)).toHaveLength(1);
  expect(events.at(-1)).toMatchObject({ stage: '已完成', done: 100, total: 100 });
}

describe('job.progress from summary.pdf', () => {
  it('arrive in order with the request’s jobId, the final one done === total, before the answer', async () => {
    const events: JobProgress[] = [];
    let answered = false;
    const off = core.on('job.progress', (p) => {
      // Nothing may arrive after the answer.
      expect(answered).toBe(false);
      events.push(p);
    });
    try {
      const r = await core.call('summary.pdf', { planId, year: 2022, jobId: 'test-job-1' });
      answered = true;
      expect(r.ok).toBe(true);
      expect(Buffer.from((r as { value: SummaryPdf }).value.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      off();
    }
    expectOrderedJob(events, 'test-job-1');
  }, 60_000);

  it('a request without a jobId still reports progress under an id of its own; two jobs never mix', async () => {
    const events: JobProgress[] = [];
    const off = core.on('job.progress', (p) => events.push(p));
    try {
      const [a, b] = await Promise.all([core.call('summary.pdf', { planId, year: 2022 }), core.call('summary.pdf', { planId, year: 2022, jobId: 'second' })]);
      expect(a.ok && b.ok).toBe(true);
    } finally {
      off();
    }
    const ids = [...new Set(events.map((e) => e.jobId))];
    expect(ids).toHaveLength(2);
    expect(ids).toContain('second');
    for (const id of ids) expectOrderedJob(events.filter((e) => e.jobId === id), id);
  }, 60_000);

  it('refuses a jobId with characters that could not travel in an event, in Chinese', async () => {
    const r = await core.call('summary.pdf', { planId, jobId: '<script>' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_request');
      expect(r.error.message).toContain('任务编号');
    }
  });
});

describe('through the web door', () => {
  let host: WebHost;
  beforeAll(async () => {
    // A stand-in renderer folder: this test is about the event stream, not the UI build.
    const rendererDir = path.join(dir, 'renderer');
    fs.mkdirSync(rendererDir, { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html></html>');
    host = await startWebHost({ core, rendererDir, port: 0 });
  });
  afterAll(async () => {
    await host.close();
  });

  it('the event stream (SSE) carries the job’s progress events in order', async () => {
    const events: JobProgress[] = [];
    let buffer = '';
    const stream = await new Promise<http.ClientRequest>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { 'X-Taizhang-Token': host.token } }, (res) => {
        expect(res.statusCode).toBe(200);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const name = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (name === 'job.progress' && data) events.push(JSON.parse(data) as JobProgress);
          }
        });
        resolve(req);
      });
      req.on('error', reject);
    });
    try {
      const res = await fetch(`http://127.0.0.1:${host.port}/api/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Taizhang-Token': host.token },
        body: JSON.stringify({ method: 'summary.pdf', request: { planId, year: 2022, jobId: 'web-job' } }),
      });
      expect((await res.json()).ok).toBe(true);
      // Give the stream a moment to flush what was written before the answer.
      for (let i = 0; i < 50 && events.at(-1)?.done !== 100; i++) await new Promise((r) => setTimeout(r, 20));
    } finally {
      stream.destroy();
    }
    expectOrderedJob(events, 'web-job');
  }, 60_000);
});
