/** Errors that cross a door. The message is Chinese and meant for the user; code is for programs. */
export type ApiErrorCode =
  | 'bad_request' // the request does not match its schema
  | 'unknown_method'
  | 'not_found'
  | 'db_too_new' // the database was written by a newer Taizhang
  | 'db_unreadable'
  | 'forbidden' // web host: missing or wrong token; a call the caller's account may not make (HTTP 403)
  | 'unauthorized' // taizhang serve: not logged in, or the session expired (HTTP 401)
  | 'too_many' // taizhang serve: too many logins at once; try again in a moment (HTTP 429)
  | 'db_busy' // another program held the write lock longer than the busy timeout
  | 'disk_full' // SQLITE_FULL / ENOSPC, or no room for the backup an operation needs: nothing was written
  | 'io_error' // disk I/O error, read-only file or folder, no permission
  | 'conflict' // the data changed since the caller read it (preview, seen value): read again
  | 'not_supported' // not yet possible on this kind of store (a PostgreSQL store, issue 22): nothing was done
  | 'internal';

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  /** Where the problem is, when it has a place (field path, file/sheet/row/column). */
  details?: unknown;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly details?: unknown;
  constructor(code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
  toBody(): ApiErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** What every door sends back: a value, or an error body. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };
