/**
 * Answers asked for before the screen that shows them is drawn — the first
 * screen at start-up — and handed to that screen once (`useApiResource`).
 *
 * Why: at start-up the app asks app.info and plans.list, draws, and only then
 * does the page ask its own data and draw again. For the dashboard (概览, the
 * screen a bureau head opens first) that is a whole extra render and round
 * trip before the heatmap shows. Asked for as soon as the plan is known, its
 * answer is there when the page first renders.
 *
 * An answer is handed out once and only shortly after it was asked for; any
 * data change drops every held answer, so a screen never starts from a stale one.
 */
import type { ApiMethod, ApiRequest, ApiResponse } from '../../../shared/api/contract';
import { api } from './transport';

/** How long a held answer may wait for its screen. */
const FRESH_MS = 10_000;

interface Held {
  at: number;
  promise: Promise<unknown>;
  settled: { ok: true; value: unknown } | { ok: false } | null;
}

const held = new Map<string, Held>();
let watching = false;

const keyOf = (method: ApiMethod, requestJson: string) => `${method} ${requestJson}`;

/** Asks now; resolves (never rejects) once the answer is in. A failure is not held: the screen asks again and shows it. */
export function prefetch<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<void> {
  if (!watching) {
    watching = true;
    api.on('data.changed', () => held.clear());
  }
  const key = keyOf(method, JSON.stringify(request));
  const entry: Held = { at: Date.now(), promise: api.call(method, request), settled: null };
  held.set(key, entry);
  return entry.promise.then(
    (value) => {
      entry.settled = { ok: true, value };
    },
    () => {
      entry.settled = { ok: false };
      if (held.get(key) === entry) held.delete(key);
    },
  );
}

function fresh(method: ApiMethod, requestJson: string): Held | null {
  const key = keyOf(method, requestJson);
  const entry = held.get(key);
  if (!entry) return null;
  if (Date.now() - entry.at > FRESH_MS) {
    held.delete(key);
    return null;
  }
  return entry;
}

/** The held answer when it is already in (for a screen's first render); it stays held until taken. */
export function prefetchedValue<M extends ApiMethod>(method: M, requestJson: string): ApiResponse<M> | undefined {
  const settled = fresh(method, requestJson)?.settled;
  return settled?.ok ? (settled.value as ApiResponse<M>) : undefined;
}

/** Takes the held answer (in or on its way), once; null when there is none. */
export function takePrefetched<M extends ApiMethod>(method: M, requestJson: string): Promise<ApiResponse<M>> | null {
  const entry = fresh(method, requestJson);
  if (!entry) return null;
  held.delete(keyOf(method, requestJson));
  return entry.promise as Promise<ApiResponse<M>>;
}
