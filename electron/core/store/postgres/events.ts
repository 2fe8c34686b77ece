/**
 * The events of the core over a PostgreSQL store (core.ts): `data.changed` after a write — the
 * same event for the same call as on a SQLite file, from the one table dataChanged.ts — and
 * `job.progress` of a long job (the summary PDF and Word document).
 *
 * Why LISTEN/NOTIFY: on a SQLite file the core's events are an in-process EventEmitter (index.ts),
 * which reaches every window and page of that process — the only one writing, as far as its pages
 * are concerned. A PostgreSQL store is a server's: several `taizhang serve` processes may share one
 * database (behind one nginx, or on two machines), and a `taizhang import` / `backup restore` /
 * `plan …` run from a terminal writes beside them. An in-process emitter would leave every other
 * process's pages showing stale data. So each write's event is also sent with `pg_notify` on one
 * channel of the database, and a core whose events someone listens to (a serve process with an open
 * page) LISTENs on it and passes on what other processes sent. Each core tags what it sends with a
 * random id of its own and ignores its own notifications: its own listeners have it already,
 * delivered at once without the round trip.
 *
 * - The NOTIFY is sent after the write committed (the handler has returned), on the pool, and
 *   awaited before the call answers — one short statement; when it fails (the server gone a moment)
 *   the write stands, the other processes' pages miss one reload, and the log says so.
 * - The listening connection is opened only when the first listener registers (`serve` with a page
 *   open); one-off commands never open it. It is a plain client outside the pool (LISTEN belongs to a
 *   session; a pooler in transaction mode would lose it — connect `serve` to PostgreSQL directly).
 *   When it breaks, it is opened again after a pause, and since events may have been missed
 *   meanwhile, the listeners get one `data.changed` for every plan (planId null, reason
 *   'reconnect'): every screen reloads.
 * - job.progress stays in this process: only the page that started the job waits for it.
 */
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { ApiEventName, ApiEvents } from '../../../../shared/api/contract';
import type { DataChanged } from '../../dataChanged';
import type { ErrorLog } from '../../log';

/** The channel every Taizhang core of a database sends its data.changed on. */
export const EVENTS_CHANNEL = 'taizhang_data_changed';
/** How long a broken listening connection waits before it is opened again. */
const RECONNECT_MS = 3000;

export interface PgEvents {
  /** Tells this process's listeners at once, then the other processes (NOTIFY). */
  changed(change: DataChanged): Promise<void>;
  /** This process's listeners only (job.progress). */
  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
  close(): Promise<void>;
}

interface Wire extends DataChanged {
  /** The sending core's id: a core ignores its own notifications. */
  from: string;
}

export function pgEvents(pool: pg.Pool, url: string, log: ErrorLog): PgEvents {
  const self = crypto.randomBytes(8).toString('hex');
  const local = new EventEmitter();
  let closed = false;
  let client: pg.Client | null = null;
  let opening: Promise<void> | null = null;
  let retry: NodeJS.Timeout | null = null;
  let dropped = false;

  const listeners = () => local.listenerCount('data.changed');

  const received = (msg: pg.Notification) => {
    if (msg.channel !== EVENTS_CHANNEL || !msg.payload) return;
    let wire: Wire;
    try {
      wire = JSON.parse(msg.payload) as Wire;
    } catch {
      return; // not ours
    }
    if (wire.from === self || typeof wire.reason !== 'string') return;
    local.emit('data.changed', { planId: typeof wire.planId === 'number' ? wire.planId : null, reason: wire.reason });
  };

  const lost = (c: pg.Client, err?: unknown) => {
    if (client !== c) return;
    client = null;
    c.end().catch(() => {});
    if (closed) return;
    if (err) log.error('events: listening connection', err);
    dropped = true;
    schedule();
  };

  const schedule = () => {
    if (closed || retry || listeners() === 0) return;
    retry = setTimeout(() => {
      retry = null;
      void listen();
    }, RECONNECT_MS);
    retry.unref();
  };

  const open = async (): Promise<void> => {
    if (closed || client || listeners() === 0) return;
    const { default: driver } = await import('pg');
    const c = new driver.Client({ connectionString: url, application_name: 'taizhang-events', connectionTimeoutMillis: 15_000 });
    c.on('error', (err) => lost(c, err));
    c.on('end', () => lost(c));
    c.on('notification', received);
    try {
      await c.connect();
      await c.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (err) {
      c.end().catch(() => {});
      if (closed) return;
      log.error('events: listen', err);
      dropped = true;
      schedule();
      return;
    }
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    if (dropped) {
      dropped = false;
      // What other processes wrote while this one was not listening is unknown: every screen reloads.
      local.emit('data.changed', { planId: null, reason: 'reconnect' });
    }
  };
  // One opening at a time; cleared once it settled (asynchronously, so never before it is stored).
  const listen = (): Promise<void> => (opening ??= open().finally(() => {
    opening = null;
  }));

  return {
    async changed(change) {
      local.emit('data.changed', change);
      try {
        const wire: Wire = { ...change, from: self };
        await pool.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, JSON.stringify(wire)]);
      } catch (err) {
        // The write stands; other processes' pages miss this reload.
        log.error('events: notify', err);
      }
    },
    emit(event, payload) {
      local.emit(event, payload);
    },
    on(event, listener) {
      local.on(event, listener);
      if (event === 'data.changed') void listen();
      return () => {
        local.off(event, listener);
      };
    },
    async close() {
      closed = true;
      local.removeAllListeners();
      if (retry) clearTimeout(retry);
      await opening;
      const c = client;
      client = null;
      if (c) await c.end().catch(() => {});
    },
  };
}
