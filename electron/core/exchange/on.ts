/**
 * What the exchange's operations run on (数据交换, issue 22): written once over
 * the query layer, they get the store (reads, and each write Op as ONE write
 * transaction: writeTx = BEGIN IMMEDIATE on a SQLite file, writeTxPg on
 * PostgreSQL), the operations that replace what users entered with their
 * before-operation copy (runWithBackupOp on a file, runWithBackupPg — a
 * pg_dump copy — on PostgreSQL: the Op yields takeCopyOp before its first
 * write), the caller (whose operator a write records) and the events that
 * tell open windows what changed (none on PostgreSQL yet: that core has no
 * listeners). handlers/exchange.ts makes one per call for the SQLite core,
 * store/postgres/core.ts for the PostgreSQL core.
 */
import type { BackupEntry } from '../../../shared/backup/types';
import { runWithBackupOp, type BackedOp } from '../backup/service';
import { requireOperatorOp, type Caller } from '../caller';
import { sqliteStore } from '../db/tx';
import type { ApiContext } from '../handlers/types';
import type { OpStore } from '../store/query';

export interface ExchangeOn {
  store: OpStore;
  caller: Caller;
  /** The Op as ONE write transaction, its copy taken where it yields takeCopyOp; a failure rolls back and drops the copy. */
  withBackup<T>(backed: BackedOp<T>): Promise<{ result: T; backup: BackupEntry | null }>;
  emit: ApiContext['emit'];
}

/** The operator a write records (caller.ts): refused, in Chinese, when none is known. */
export const operatorOn = (on: ExchangeOn): Promise<string> => on.store.read(requireOperatorOp(on.caller));

/** A SQLite file's: the Ops run synchronously (runSync), each write in writeTx. */
export function sqliteExchangeOn(ctx: ApiContext): ExchangeOn {
  return {
    store: sqliteStore(ctx.db),
    caller: ctx.caller,
    withBackup: async (backed) => runWithBackupOp(ctx, backed),
    emit: (event, payload) => ctx.emit(event, payload),
  };
}
