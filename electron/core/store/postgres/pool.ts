/**
 * Connecting to a PostgreSQL store (issue 22): one pg Pool per opened store.
 * BIGINT (the translation's INTEGER, and count(*)) is read back as a number,
 * as better-sqlite3 reads SQLite's integers; connection failures are said in
 * Chinese, naming the store by its URL without the password.
 */
import type pg from 'pg';
import { ApiError } from '../../../../shared/api/errors';

const INT8_OID = 20;

function bigintAsNumber(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`integer ${text} is beyond what a JavaScript number holds exactly`);
  return n;
}

/**
 * Opens a pool and checks the server answers; an ApiError in Chinese when it does not. `pg` is
 * loaded here, when a PostgreSQL store is opened: every command on a SQLite file would otherwise
 * pay its ~35 ms load at start-up.
 */
export async function connectPostgres(url: string, shown: string): Promise<pg.Pool> {
  const { default: driver } = await import('pg');
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID && format !== 'binary' ? bigintAsNumber : driver.types.getTypeParser(oid, format)) as typeof driver.types.getTypeParser,
  };
  const pool = new driver.Pool({ connectionString: url, types, max: 10, connectionTimeoutMillis: 15_000, application_name: 'taizhang' });
  // An idle client whose server went away must not take the process down; the next query says what happened.
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
    return pool;
  } catch (err) {
    await pool.end().catch(() => {});
    throw connectFailure(err, shown);
  }
}

function connectFailure(err: unknown, shown: string): ApiError {
  const code = (err as { code?: string }).code ?? '';
  const reason =
    code === 'ECONNREFUSED'
      ? '连接被拒绝（数据库服务器没有运行，或主机、端口不对）'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? '找不到这台主机'
        : code === '28P01' || code === '28000'
          ? '用户名或密码不对，或该用户不允许从这台电脑登录'
          : code === '3D000'
            ? '数据库不存在（请先由管理员用 createdb 建立）'
            : code === 'ETIMEDOUT' || /timeout/i.test((err as Error).message ?? '')
              ? '连接超时'
              : `服务器回答：${(err as Error).message ?? String(err)}`;
  return new ApiError('db_unreadable', `无法连接 PostgreSQL 数据库“${shown}”：${reason}。请检查 --db 的地址、用户名、密码和数据库名。`, { code });
}
