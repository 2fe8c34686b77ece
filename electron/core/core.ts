/**
 * The core as the doors see it: open a database, call API methods by name
 * with unvalidated input (validated here against shared/api/contract.ts),
 * listen to events, close.
 *
 */
import type { ApiEventName, ApiEvents, ApiMethod } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/errors';
import type { Caller } from './caller';
import type { LoginResult, SessionAccount } from './accounts/login';
import type { SecretStore } from './sync/secrets';

export type { Caller, OperatorSlot } from './caller';
export type { LoginResult, SessionAccount } from './accounts/login';

/**
 * Logging in, for the server door (`taizhang serve`): the rules (lockout, disabled
 * accounts, the security record) live in the core (accounts/login.ts), the door
 * only keeps its sessions. `from` is the client's address, for the record.
 */
export interface CoreAuth {
  login(name: string, password: string, from: string | null): Promise<LoginResult>;
  /**
   * The session's account as it is now; null when the session must end (disabled, new password, gone).
   * Looked up before every call: at once on a SQLite file (no promise on its hot path), a Promise on
   * a PostgreSQL store — the door awaits only a Promise.
   */
  account(id: number, passwordSetAt: string): SessionAccount | null | Promise<SessionAccount | null>;
  /** Records a logout (or a session that ran out) in the security record (a Promise on a PostgreSQL store). */
  loggedOut(account: SessionAccount, from: string | null, why?: string): void | Promise<void>;
}

export interface CoreOptions {
  /** SQLite file; created (and loaded with the 青云谱区 2022 example) when new. */
  dbPath: string;
  /** Load the example into a new database (default true). */
  seedIfNew?: boolean;
  /**
   * Which example (seeds/): 'qingyunpu-2022' (default) or 'nanchang-2022'. Named explicitly, it is also
   * loaded into an existing database that does not hold it yet.
   */
  example?: string;
  /** Take the daily copy at start when the last one is older than 20 hours (default true; existing files only). */
  dailyBackup?: boolean;
  /** The system's credential store, where the door has one (the desktop app: Electron safeStorage through main). */
  secrets?: SecretStore;
}

export interface Core {
  readonly dbPath: string;
  /**
   * Validates `request` against the method's schema, runs it, never throws: errors come back as ApiResult.
   * `caller` says who calls (whose operator name the writes carry); the PC's operator setting when omitted.
   */
  call(method: ApiMethod | string, request: unknown, caller?: Caller): Promise<ApiResult<unknown>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
  auth: CoreAuth;
  /** Closes the store; a PostgreSQL store's pool ends asynchronously (await it where the process ends next). */
  close(): void | Promise<void>;
}
