/**
 * PostgreSQL's own client programs — pg_dump, pg_restore, psql — as a
 * PostgreSQL store's backups use them (store/postgres/backup.ts). They come
 * with the PostgreSQL client package (Debian, 统信UOS, 麒麟:
 * `apt-get install -y postgresql-client`; Windows: the EnterpriseDB
 * installer's bin folder), not with Taizhang.
 *
 * Where they are looked for: the folder TAIZHANG_PG_BIN names, else the
 * newest /usr/lib/postgresql/<N>/bin (Debian's versioned folders: pg_dump
 * must be at least the server's major version, and the newest is the likeliest
 * to be), else the PATH.
 *
 * The password never goes on a command line (any user of the machine can
 * read those with ps): the URL handed to the tools has it removed, and it
 * travels in PGPASSWORD, in the child's environment only.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { ApiError } from '../../../../shared/api/errors';

export type PgTool = 'pg_dump' | 'pg_restore' | 'psql';

const INSTALL = 'apt-get install -y postgresql-client（统信UOS、麒麟、Debian；版本不低于数据库服务器），Windows 上请安装 PostgreSQL 并把其 bin 文件夹加入 PATH';

function exe(name: string): string {
  return process.platform === 'win32' ? `${name}.exe` : name;
}

/** The folders searched, in order (see above). */
function candidateDirs(env: NodeJS.ProcessEnv): string[] {
  if (env.TAIZHANG_PG_BIN?.trim()) return [env.TAIZHANG_PG_BIN.trim()];
  const debian = fs.existsSync('/usr/lib/postgresql')
    ? fs
        .readdirSync('/usr/lib/postgresql')
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => path.join('/usr/lib/postgresql', v, 'bin'))
    : [];
  const onPath = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return [...debian, ...onPath];
}

/** The full path of a PostgreSQL client program; an ApiError saying what to install when it is missing. */
export function findPgTool(tool: PgTool, what: string, env: NodeJS.ProcessEnv = process.env): string {
  for (const dir of candidateDirs(env)) {
    const file = path.join(dir, exe(tool));
    if (fs.existsSync(file)) return file;
  }
  const where = env.TAIZHANG_PG_BIN?.trim() ? `环境变量 TAIZHANG_PG_BIN 指定的文件夹“${env.TAIZHANG_PG_BIN.trim()}”中` : '本机';
  throw new ApiError(
    'not_supported',
    `${where}找不到 ${tool}（PostgreSQL 的${tool === 'pg_dump' ? '备份' : tool === 'pg_restore' ? '恢复' : '命令行'}工具），${what}未执行，数据没有任何改动。请安装 PostgreSQL 客户端：${INSTALL}；或用环境变量 TAIZHANG_PG_BIN 指定含 ${tool} 的文件夹。`,
    { tool },
  );
}

/** The URL for a tool's --dbname (password removed) and the environment carrying the password. */
export function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const env: NodeJS.ProcessEnv = { ...process.env, PGAPPNAME: 'taizhang', PGCONNECT_TIMEOUT: process.env.PGCONNECT_TIMEOUT ?? '15' };
  let dbname = url;
  try {
    const parsed = new URL(url);
    let password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
    const query = parsed.searchParams.get('password');
    if (query !== null) {
      password ??= query;
      parsed.searchParams.delete('password');
    }
    parsed.password = '';
    dbname = parsed.toString();
    if (password !== undefined) env.PGPASSWORD = password;
  } catch {
    // Not a URL the WHATWG parser reads: libpq reads it as given.
  }
  return { dbname, env };
}

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a tool to the end; stdout kept only when asked (a dump goes to a file, not into memory). */
export function runPgTool(file: string, args: string[], env: NodeJS.ProcessEnv, keepStdout = false): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => {
      if (err.length < 20_000) err += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: err.trim() }));
  });
}

/**
 * Runs a tool to the end, handing each line of its output to `line` as it comes (a whole copy's
 * script read through without holding it in memory); stderr kept as runPgTool keeps it.
 */
export function streamPgTool(file: string, args: string[], env: NodeJS.ProcessEnv, line: (text: string) => void): Promise<Omit<ToolRun, 'stdout'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < 20_000) err += chunk.toString('utf8');
    });
    const lines = readline.createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY });
    lines.on('line', line);
    const closed = new Promise<void>((done) => lines.once('close', done));
    child.once('error', reject);
    child.once('close', (code) => void closed.then(() => resolve({ code: code ?? 1, stderr: err.trim() })));
  });
}

/** A tool's complaint as a Chinese reason: the cases a user can act on are named, the rest quoted. */
export function toolFailureReason(tool: PgTool, stderr: string): string {
  if (/server version mismatch|版本不匹配/i.test(stderr)) {
    const server = /server version:?\s*([\d.]+)/i.exec(stderr)?.[1];
    const own = new RegExp(`${tool} version:?\\s*([\\d.]+)`, 'i').exec(stderr)?.[1];
    return `${tool} 的版本${own ? `（${own}）` : ''}低于数据库服务器的版本${server ? `（${server}）` : ''}。请安装不低于服务器版本的 PostgreSQL 客户端（${INSTALL}），或用 TAIZHANG_PG_BIN 指定它的 bin 文件夹`;
  }
  if (/password authentication failed|no password supplied/i.test(stderr)) return '用户名或密码不对';
  if (/permission denied/i.test(stderr)) return `该数据库用户的权限不够（${clip(stderr)}）`;
  if (/could not connect|connection to server .* failed/i.test(stderr)) return `连接不上数据库服务器（${clip(stderr)}）`;
  if (/No space left on device/i.test(stderr)) return '磁盘空间不足';
  return clip(stderr) || `${tool} 异常退出`;
}

function clip(text: string): string {
  const line = text.split('\n').find((l) => /error|错误|fatal/i.test(l)) ?? text.split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
