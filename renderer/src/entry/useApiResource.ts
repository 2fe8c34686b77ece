/**
 * Loads one API resource for the entry screens and reloads it when the core
 * says data changed (or when asked), coalescing bursts of reloads into one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiMethod, ApiRequest, ApiResponse } from '../../../shared/api/contract';
import { prefetchedValue, takePrefetched } from '../api/prefetch';
import { api, errorMessage } from '../api/transport';

export interface Resource<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

export function useApiResource<M extends ApiMethod>(method: M, request: ApiRequest<M> | null): Resource<ApiResponse<M>> {
  const key = request == null ? null : JSON.stringify(request);
  // An answer asked for ahead (api/prefetch.ts, the first screen at start-up) is drawn at once.
  const [data, setData] = useState<ApiResponse<M> | null>(() => (key == null ? null : (prefetchedValue(method, key) ?? null)));
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  /** The request whose answer `data` holds, so a new request shows nothing stale and the same one is not blanked. */
  const dataKey = useRef<string | null>(data == null ? null : key);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(async () => {
    if (key == null) return;
    const mine = ++seq.current;
    setLoading(true);
    try {
      const value = await (takePrefetched(method, key) ?? api.call(method, JSON.parse(key) as ApiRequest<M>));
      if (mine === seq.current) {
        dataKey.current = key;
        setData(value);
        setError(null);
      }
    } catch (e) {
      if (mine === seq.current) setError(errorMessage(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [method, key]);

  const reload = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void load(), 20);
  }, [load]);

  useEffect(() => {
    if (dataKey.current !== key) setData(null);
    void load();
  }, [load, key]);

  useEffect(() => api.on('data.changed', () => reload()), [reload]);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  return { data, error, loading, reload };
}
