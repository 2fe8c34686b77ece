/**
 * The desktop's sync tables (migrations 013, 015) and settings: SQL only. What a
 * pull or push decides is in applyPull.ts and push.ts.
 */
import type { ReviewState } from '../../../shared/review/states';
import type { SyncRunSummary } from '../../../shared/sync/views';
import { sql } from 'kysely';
import type { Db } from '../db/open';
import { all, get, query, run, runSync, type Op } from '../store/query';
import { getSetting, getSettingOp, setSetting } from '../db/repos/settings';

export const SERVER_KEY = 'sync.server';
export const ACCOUNT_KEY = 'sync.account';
/** base64 of the password encrypted by the system's credential store; never the password itself. */
export const PASSWORD_KEY = 'sync.password.encrypted';
export const LAST_KEY = 'sync.last';

export interface SyncConfig {
  server: string | null;
  account: string | null;
  encryptedPassword: string | null;
}

export function syncConfig(db: Db): SyncConfig {
  return { server: getSetting(db, SERVER_KEY), account: getSetting(db, ACCOUNT_KEY), encryptedPassword: getSetting(db, PASSWORD_KEY) || null };
}

export function* lastRunOp(): Op<SyncRunSummary | null> {
  const raw = yield* getSettingOp(LAST_KEY);
  return raw ? (JSON.parse(raw) as SyncRunSummary) : null;
}

export function lastRun(db: Db): SyncRunSummary | null {
  return runSync(db, lastRunOp());
}

export const setLastRun = (db: Db, s: SyncRunSummary) => setSetting(db, LAST_KEY, JSON.stringify(s));

/** How the server's ids map to this database's, per linked plan. */
export interface LinkMap {
  units: [number, number][];
  indicators: [number, number][];
  actionLines: [number, number][];
  tasks: [number, number][];
}

export interface SyncLink {
  planId: number;
  server: string;
  serverId: string;
  serverPlanId: number;
  /** This PC's own unit (local id). */
  unitId: number;
  map: LinkMap;
  pulledAt: string;
}

interface LinkRow {
  plan_id: number;
  server: string;
  server_id: string;
  server_plan_id: number;
  unit_id: number;
  map: string;
  pulled_at: string;
}

const toLink = (r: LinkRow): SyncLink => ({
  planId: r.plan_id,
  server: r.server,
  serverId: r.server_id,
  serverPlanId: r.server_plan_id,
  unitId: r.unit_id,
  map: JSON.parse(r.map) as LinkMap,
  pulledAt: r.pulled_at,
});

const ALL_LINKS = query<LinkRow>(() => sql`SELECT * FROM sync_links ORDER BY plan_id`);

export function* listLinksOp(): Op<SyncLink[]> {
  return (yield* all(ALL_LINKS)).map(toLink);
}

export function listLinks(db: Db): SyncLink[] {
  return runSync(db, listLinksOp());
}

const LINK_OF_PLAN = query<LinkRow, { planId: number }>((_qb, p) => sql`SELECT * FROM sync_links WHERE plan_id = ${p('planId')}`);

export function* linkOfOp(planId: number): Op<SyncLink | null> {
  const r = yield* get(LINK_OF_PLAN, { planId });
  return r ? toLink(r) : null;
}

export function linkOf(db: Db, planId: number): SyncLink | null {
  return runSync(db, linkOfOp(planId));
}

export function linkByServer(db: Db, serverId: string, serverPlanId: number): SyncLink | null {
  const r = db.prepare('SELECT * FROM sync_links WHERE server_id = ? AND server_plan_id = ?').get(serverId, serverPlanId) as LinkRow | undefined;
  return r ? toLink(r) : null;
}

export function putLink(db: Db, l: SyncLink): void {
  db.prepare(
    `INSERT INTO sync_links (plan_id, server, server_id, server_plan_id, unit_id, map, pulled_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (plan_id) DO UPDATE SET server = excluded.server, unit_id = excluded.unit_id, map = excluded.map, pulled_at = excluded.pulled_at`,
  ).run(l.planId, l.server, l.serverId, l.serverPlanId, l.unitId, JSON.stringify(l.map), l.pulledAt);
}

/** A figure's value or a progress entry, as JSON in sync_cells. */
export type CellValue = number | { status: string; text: string; reportedOn?: string | null } | null;

export interface SyncCell {
  key: string;
  /** What the server held at the last exchange. */
  base: CellValue;
  /** What this PC last sent. */
  sent: CellValue | undefined;
  state: 'sent' | 'conflict' | 'refused' | null;
  message: string | null;
  at: string | null;
  /** When the server took the value it held at the last exchange (its clock; progress only, from a pull). */
  serverAt?: string | null;
}

interface CellRow {
  key: string;
  base: string | null;
  sent: string | null;
  state: SyncCell['state'];
  message: string | null;
  at: string | null;
  server_at: string | null;
}

const CELLS_OF_PLAN = query<CellRow, { planId: number }>(
  (_qb, p) => sql`SELECT key, base, sent, state, message, at, server_at FROM sync_cells WHERE plan_id = ${p('planId')}`,
);

export function cellsOf(db: Db, planId: number): Map<string, SyncCell> {
  return runSync(db, cellsOfOp(planId));
}

export function* cellsOfOp(planId: number): Op<Map<string, SyncCell>> {
  const rows = yield* all(CELLS_OF_PLAN, { planId });
  return new Map(
    rows.map((r) => [
      r.key,
      {
        key: r.key,
        base: r.base === null ? null : JSON.parse(r.base),
        sent: r.sent === null ? undefined : JSON.parse(r.sent),
        state: r.state,
        message: r.message,
        at: r.at,
        serverAt: r.server_at,
      },
    ]),
  );
}

export function putCell(db: Db, planId: number, c: SyncCell): void {
  db.prepare(
    `INSERT INTO sync_cells (plan_id, key, base, sent, state, message, at, server_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (plan_id, key) DO UPDATE SET base = excluded.base, sent = excluded.sent, state = excluded.state, message = excluded.message, at = excluded.at,
       server_at = excluded.server_at`,
  ).run(planId, c.key, JSON.stringify(c.base), c.sent === undefined ? null : JSON.stringify(c.sent), c.state, c.message, c.at, c.serverAt ?? null);
}

export interface OutboxEntry {
  batchId: string;
  planId: number;
  payload: string;
  createdAt: string;
  attempts: number;
}

interface OutboxRow {
  batch_id: string;
  plan_id: number;
  payload: string;
  created_at: string;
  attempts: number;
}
const OUTBOX = query<OutboxRow>(() => sql`SELECT * FROM sync_outbox ORDER BY created_at`);
const OUTBOX_OF_PLAN = query<OutboxRow, { planId: number }>((_qb, p) => sql`SELECT * FROM sync_outbox WHERE plan_id = ${p('planId')} ORDER BY created_at`);

export function outboxOf(db: Db, planId?: number): OutboxEntry[] {
  return runSync(db, outboxOfOp(planId));
}

export function* outboxOfOp(planId?: number): Op<OutboxEntry[]> {
  const rows = planId === undefined ? yield* all(OUTBOX) : yield* all(OUTBOX_OF_PLAN, { planId });
  return rows.map((r) => ({ batchId: r.batch_id, planId: r.plan_id, payload: r.payload, createdAt: r.created_at, attempts: r.attempts }));
}

export function putReviews(db: Db, planId: number, reviews: { period: string; state: ReviewState; reason: string | null; by: string; at: string }[]): void {
  db.prepare('DELETE FROM sync_reviews WHERE plan_id = ?').run(planId);
  const insert = db.prepare('INSERT INTO sync_reviews (plan_id, period, state, reason, by_name, at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const r of reviews) insert.run(planId, r.period, r.state, r.reason, r.by, r.at);
}

/** The unit's 审核 states per period as the server held them at the last exchange; `at` is the last step's time (the server's clock). */
const REVIEWS_OF_LINK = query<{ period: string; state: ReviewState; reason: string | null; at: string }, { planId: number }>(
  (_qb, p) => sql`SELECT period, state, reason, at FROM sync_reviews WHERE plan_id = ${p('planId')}`,
);

export function reviewsOfLink(db: Db, planId: number): Map<string, { state: ReviewState; reason: string | null; at: string }> {
  return runSync(db, reviewsOfLinkOp(planId));
}

export function* reviewsOfLinkOp(planId: number): Op<Map<string, { state: ReviewState; reason: string | null; at: string }>> {
  const rows = yield* all(REVIEWS_OF_LINK, { planId });
  return new Map(rows.map((r) => [r.period, { state: r.state, reason: r.reason, at: r.at }]));
}

/**
 * A unit merge (units/merge.ts) on either side of the exchange: the sync bookkeeping that names the
 * merged unit names the kept one — a desktop's links (its own unit, and the server's units mapped to
 * it), so its cells keep their bases and marks and nothing looks changed (or emptied) at the next
 * push; a server's conflicts, so the district still decides them. Inside the merge's transaction.
 */
const MOVE_CONFLICTS = query<never, { fromId: number; intoId: number }>(
  (_qb, p) => sql`UPDATE sync_conflicts SET unit_id = ${p('intoId')} WHERE unit_id = ${p('fromId')}`,
);
const RELINK = query<never, { planId: number; unitId: number; map: string }>(
  (_qb, p) => sql`UPDATE sync_links SET unit_id = ${p('unitId')}, map = ${p('map')} WHERE plan_id = ${p('planId')}`,
);

export function* moveUnitInSyncOp(fromId: number, intoId: number): Op<void> {
  yield* run(MOVE_CONFLICTS, { fromId, intoId });
  for (const link of yield* listLinksOp()) {
    const units = link.map.units.map(([server, local]): [number, number] => [server, local === fromId ? intoId : local]);
    if (link.unitId !== fromId && units.every(([, l], i) => l === link.map.units[i][1])) continue;
    yield* run(RELINK, { planId: link.planId, unitId: link.unitId === fromId ? intoId : link.unitId, map: JSON.stringify({ ...link.map, units }) });
  }
}

export function moveUnitInSync(db: Db, fromId: number, intoId: number): void {
  runSync(db, moveUnitInSyncOp(fromId, intoId));
}
