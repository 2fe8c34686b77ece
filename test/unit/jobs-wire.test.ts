/**
 * jobs/wire.ts: an import's targets cross the worker boundary as typed arrays
 * whose memory is moved (issue 13). What arrives must be exactly what left —
 * ids of any size SQLite gives, the analysis's negative ids of new rows, a
 * missing valueMax kept missing — and answers without targets pass unchanged.
 */
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { fromWire, packTargets, toWire, unpackTargets } from '../../electron/core/jobs/wire';
import type { ImportTaskResult } from '../../electron/core/jobs/fileTasks';

const targets = [
  { indicatorId: 1, unitId: 2, value: 140, valueMax: null },
  { indicatorId: -3, unitId: -1, value: 0.125, valueMax: 0.5 },
  { indicatorId: 2 ** 40 + 7, unitId: 9_007_199_254_740_991, value: -12.75, valueMax: null },
  { indicatorId: 4, unitId: 5, value: 0, valueMax: 0 },
];

function analysed(list: typeof targets): ImportTaskResult {
  return {
    kind: 'analysed',
    analysis: { preview: { fileName: 'a.xlsx' }, write: { planId: 1, targets: list, indicators: [], removeTargets: [] } },
  } as unknown as ImportTaskResult;
}

/** Posts through a real MessageChannel, moving the buffers as the worker does. */
function post(message: unknown, transfer: ArrayBuffer[]): Promise<unknown> {
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve) => {
    port2.once('message', (m) => {
      port1.close();
      port2.close();
      resolve(m);
    });
    port1.postMessage(message, transfer);
  });
}

describe('targets across the worker boundary', () => {
  it('pack and unpack give back every target as it was', () => {
    expect(unpackTargets(packTargets(targets))).toEqual(targets);
    expect(unpackTargets(packTargets([]))).toEqual([]);
  });

  it('an analysed import arrives with the same targets, its buffers moved rather than copied', async () => {
    const { result, transfer } = toWire(analysed(targets));
    expect(transfer).toHaveLength(4);
    const arrived = fromWire(await post(result, transfer)) as ReturnType<typeof analysed>;
    expect(arrived).toEqual(analysed(targets));
    // Moved: the sender's arrays are empty now.
    expect(transfer.every((b) => b.byteLength === 0)).toBe(true);
  });

  it('answers without targets to write pass unchanged', async () => {
    const refused = { kind: 'refused', read: { ok: false, message: '不是表格' } } as unknown as ImportTaskResult;
    expect(toWire(refused)).toEqual({ result: refused, transfer: [] });
    const noWrite = { kind: 'analysed', analysis: { preview: {}, write: null } } as unknown as ImportTaskResult;
    expect(toWire(noWrite).transfer).toEqual([]);
    expect(fromWire(await post(toWire(noWrite).result, []))).toEqual(noWrite);
    expect(fromWire(null)).toBeNull();
  });
});
