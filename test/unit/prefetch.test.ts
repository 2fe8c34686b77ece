/**
 * renderer/src/api/prefetch.ts: an answer asked for ahead of its screen is
 * handed out once, only while fresh, never after the data changed, and a
 * failure is not held (the screen asks again and shows the failure).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const calls: { method: string; request: unknown; resolve(v: unknown): void; reject(e: unknown): void }[] = [];
const listeners = new Map<string, ((payload: unknown) => void)[]>();

vi.mock('../../renderer/src/api/transport', () => ({
  api: {
    call: (method: string, request: unknown) =>
      new Promise((resolve, reject) => {
        calls.push({ method, request, resolve, reject });
      }),
    on: (event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () => undefined;
    },
  },
}));

const { prefetch, prefetchedValue, takePrefetched } = await import('../../renderer/src/api/prefetch');

const REQ = { planId: 1, period: '2022-09' };
const KEY = JSON.stringify(REQ);

beforeEach(() => {
  calls.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
  // Leave nothing held for the next test.
  takePrefetched('dashboard.get', KEY);
});

describe('prefetch', () => {
  it('asks once; the screen takes the same answer, once', async () => {
    const done = prefetch('dashboard.get', REQ);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'dashboard.get', request: REQ });
    expect(prefetchedValue('dashboard.get', KEY)).toBeUndefined(); // not in yet
    calls[0].resolve({ answer: 42 });
    await done;
    expect(prefetchedValue('dashboard.get', KEY)).toEqual({ answer: 42 }); // for the first render; still held
    await expect(takePrefetched('dashboard.get', KEY)).resolves.toEqual({ answer: 42 });
    expect(takePrefetched('dashboard.get', KEY)).toBeNull(); // handed out once
    expect(prefetchedValue('dashboard.get', KEY)).toBeUndefined();
  });

  it('hands out only the answer to the same request', async () => {
    const done = prefetch('dashboard.get', REQ);
    calls[0].resolve({ answer: 1 });
    await done;
    expect(takePrefetched('dashboard.get', JSON.stringify({ planId: 1, period: '2022-08' }))).toBeNull();
    expect(takePrefetched('plan.units', KEY)).toBeNull();
  });

  it('a failure is not held: the screen asks itself and shows it', async () => {
    const done = prefetch('dashboard.get', REQ);
    calls[0].reject(new Error('未连接'));
    await done; // never rejects
    expect(takePrefetched('dashboard.get', KEY)).toBeNull();
  });

  it('drops what it holds when the data changes', async () => {
    const done = prefetch('dashboard.get', REQ);
    calls[0].resolve({ answer: 1 });
    await done;
    for (const listener of listeners.get('data.changed') ?? []) listener({ reason: 'figures' });
    expect(takePrefetched('dashboard.get', KEY)).toBeNull();
  });

  it('an answer the screen did not take within 10 s is not handed out', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const done = prefetch('dashboard.get', REQ);
    calls[0].resolve({ answer: 1 });
    await done;
    vi.setSystemTime(Date.now() + 10_001);
    expect(prefetchedValue('dashboard.get', KEY)).toBeUndefined();
    expect(takePrefetched('dashboard.get', KEY)).toBeNull();
  });
});
