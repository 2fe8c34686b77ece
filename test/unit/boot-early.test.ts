/**
 * renderer/src/store/appStore.ts bootEarly/bootShell: the window asks for its
 * data before drawing anything and draws once it is in — or after
 * SHELL_WAIT_MS when the store is slow, so a spinner still shows —; the shell
 * then takes that same boot, once, and boots afresh on a later mount.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const calls: { method: string; resolve(v: unknown): void }[] = [];

vi.mock('../../renderer/src/api/transport', () => ({
  api: {
    call: (method: string) => new Promise((resolve) => calls.push({ method, resolve })),
    on: () => () => undefined,
  },
  errorMessage: (e: unknown) => String(e),
}));
// The first screen's data (api/firstScreen.ts) is not this test's subject.
vi.mock('../../renderer/src/api/firstScreen', () => ({ warmFirstScreen: () => Promise.resolve() }));
vi.stubGlobal('window', { localStorage: { getItem: () => null, setItem: () => undefined } });

const { bootEarly, bootShell, useAppStore } = await import('../../renderer/src/store/appStore');

/** Answers the latest call of that method. */
const answer = (method: string, value: unknown) => calls.filter((c) => c.method === method).at(-1)!.resolve(value);
const INFO = { appVersion: '0.1.0' };
const PLANS = [{ id: 1, title: '2022年工作要点', archivedAt: null }];

afterEach(() => {
  vi.useRealTimers();
  calls.length = 0;
});

describe('the window draws once its data is in', () => {
  it('waits for app.info and plans.list, then the shell takes the same boot once; a later mount boots again', async () => {
    let drawn = false;
    const ready = bootEarly().then(() => {
      drawn = true;
    });
    expect(calls.map((c) => c.method).sort()).toEqual(['app.info', 'plans.list']);
    expect(useAppStore.getState().status).toBe('loading');
    await Promise.resolve();
    expect(drawn).toBe(false);
    answer('app.info', INFO);
    answer('plans.list', PLANS);
    await ready;
    expect(drawn).toBe(true);
    expect(useAppStore.getState()).toMatchObject({ status: 'ready', planId: 1, info: INFO });
    // The shell's mount takes the early boot: no second request.
    await bootShell();
    expect(calls).toHaveLength(2);
    // A later mount (another login at the server door) boots afresh.
    const again = bootShell();
    expect(calls).toHaveLength(4);
    answer('app.info', INFO);
    answer('plans.list', PLANS);
    await again;
  });

  it('a slow store: the window draws after the wait, with its spinner, while the boot goes on', async () => {
    vi.useFakeTimers();
    useAppStore.setState({ status: 'idle' });
    let drawn = false;
    void bootEarly().then(() => {
      drawn = true;
    });
    await vi.advanceTimersByTimeAsync(399);
    expect(drawn).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(drawn).toBe(true);
    expect(useAppStore.getState().status).toBe('loading');
    answer('app.info', INFO);
    answer('plans.list', PLANS);
    await bootShell();
    expect(useAppStore.getState().status).toBe('ready');
  });
});
