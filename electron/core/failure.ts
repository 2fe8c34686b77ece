/**
 * Any failure, said as the Chinese sentence a user reads — the one place
 * where library messages become ours. dispatch.ts runs every API call's
 * failure through failureOf; db/open.ts its open errors; the CLI its own
 * file writes and whatever else escapes a command.
 *
 * - ApiError: already ours (its echoed text cut to a readable length).
 * - SQLite's and Node's storage conditions — a write lock held longer than
 *   the busy timeout, a full disk (SQLITE_FULL, ENOSPC), disk I/O errors,
 *   read-only files, missing permissions, a damaged file — each get a
 *   sentence that says what happened, where, and that nothing was written
 *   (every write is one transaction).
 * - Anything else is a bug: a general sentence; the details belong in the
 *   log (log.ts), never in the message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { readableMessage } from '../../shared/text/clip';
import { busyTimeoutMs } from './db/busy';

export interface FailureContext {
  /** The database the operation worked on (where a full disk or a lock is). */
  dbPath: string;
}

export interface Failure {
  error: ApiError;
  /** Not a refusal the core chose to make: worth an entry with the stack in the log. */
  unexpected: boolean;
}

const NOTHING_WRITTEN = '本次操作未写入任何数据';

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** The folder a storage failure happened in: the file's own (an export, a log) when known, else the database's. */
function folderOf(err: unknown, ctx: FailureContext): string {
  const file = (err as { path?: unknown } | null)?.path;
  return path.dirname(path.resolve(typeof file === 'string' && file ? file : ctx.dbPath));
}

/** Below this, a disk I/O error is taken for what it most likely is: a full disk. */
const NEARLY_FULL_BYTES = 1024 * 1024;

/**
 * A full disk does not always reach us as SQLITE_FULL: when SQLite cannot grow its shared-memory
 * file (-shm) it says "disk I/O error". Then the free space of the folder decides.
 */
function diskNearlyFull(folder: string): boolean {
  try {
    const s = fs.statfsSync(folder);
    return s.bavail * s.bsize < NEARLY_FULL_BYTES;
  } catch {
    return false;
  }
}

/** Storage conditions SQLite or Node report, as an ApiError; null for anything else. */
export function storageFailure(err: unknown, ctx: FailureContext): ApiError | null {
  const code = codeOf(err);
  const db = ctx.dbPath;
  const ioError = code.startsWith('SQLITE_IOERR') || code === 'EIO';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || (ioError && diskNearlyFull(folderOf(err, ctx)))) {
    const folder = folderOf(err, ctx);
    return new ApiError(
      'disk_full',
      `磁盘空间不足：文件夹“${folder}”所在的磁盘已满，${NOTHING_WRITTEN}。请清理磁盘空间（删除不需要的文件、清空回收站）后重试。`,
      { folder },
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    const ms = busyTimeoutMs();
    const waited = ms >= 1000 ? `${Math.round(ms / 1000)} 秒` : `${ms} 毫秒`;
    return new ApiError(
      'db_busy',
      `数据库“${db}”正被另一个程序写入（另一个科创台账窗口、网页版或命令行），等待 ${waited}后仍未轮到，${NOTHING_WRITTEN}。请稍后重试；若反复出现，请先关闭其他正在导入或保存的科创台账。`,
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') {
    return new ApiError('io_error', `数据库文件“${db}”或其所在磁盘是只读的，无法保存，${NOTHING_WRITTEN}。请检查文件属性和权限（或换一个可写的位置）后重试。`);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') {
    const file = (err as { path?: unknown }).path;
    if (typeof file === 'string' && file) {
      return new ApiError(
        'io_error',
        `无法写入文件“${path.resolve(file)}”：没有写入权限，或文件正被其他程序（如 Excel、WPS）打开。请关闭该文件或换一个位置后重试。`,
      );
    }
    return new ApiError('io_error', `没有权限写入数据库文件“${db}”所在的文件夹，${NOTHING_WRITTEN}。请检查权限（或换一个可写的位置）后重试。`);
  }
  if (ioError) {
    return new ApiError(
      'io_error',
      `读写数据库文件“${db}”时发生磁盘错误，${NOTHING_WRITTEN}。请确认文件所在的磁盘、U 盘或网络位置仍然可用，然后重试；若反复出现，请从备份恢复。`,
    );
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new ApiError('db_unreadable', `数据库文件“${db}”已损坏或不是科创台账的数据库，无法读取，${NOTHING_WRITTEN}。请从备份恢复，或换一个文件。`);
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new ApiError('db_unreadable', `无法打开数据库文件“${db}”。请检查文件是否存在、所在文件夹是否有读写权限。`);
  }
  return null;
}

export const UNEXPECTED_MESSAGE =
  '操作未能完成，未完成的修改已撤回。请重试；若反复出现，请把本提示和操作步骤告知技术支持（详细信息已记入数据库所在文件夹的 taizhang.log）。';

/** Any failure as the error a door shows. */
export function failureOf(err: unknown, ctx: FailureContext): Failure {
  if (err instanceof ApiError) {
    return { error: new ApiError(err.code, readableMessage(err.message), err.details), unexpected: false };
  }
  const storage = storageFailure(err, ctx);
  if (storage) return { error: storage, unexpected: true };
  return { error: new ApiError('internal', UNEXPECTED_MESSAGE), unexpected: true };
}
