/**
 * `npm run web`: serve Taizhang to a browser on this machine.
 *   npm run web -- [--db PATH] [--port N]     (N = 0: any free port, printed)
 *
 * Wrong options get the usage and exit status 2; a database or port that
 * cannot be used gets a Chinese sentence and exit status 1. Details of
 * unexpected failures go to taizhang.log beside the database, not here.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openCore, defaultDbPath, storeLocation, type Core } from '../core';
import { failureOf } from '../core/failure';
import { errorLogBeside } from '../core/log';
import { startWebHost, type WebHost } from './host';
import { argumentErrorMessage } from '../cli/args';

const DEFAULT_PORT = 4410;

const USAGE = `用法 Usage: npm run web -- [--db 数据库文件] [--port 端口]

  --db PATH    使用指定的数据库文件（默认：${defaultDbPath()}）
  --port N     监听 127.0.0.1 的端口，1-65535；0 表示任选一个空闲端口（默认 ${DEFAULT_PORT}，被占用时任选）
  -h, --help   显示帮助`;

class UsageError extends Error {}
/** A reason the host cannot start that is already a sentence for the user (a taken port). */
class StartError extends Error {}

interface WebOptions {
  dbPath: string;
  /** undefined: the usual port, else any free one. */
  port: number | undefined;
}

function parseWebArgs(args: string[]): WebOptions | 'help' {
  const options = { db: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
  let values: ReturnType<typeof parseArgs<{ args: string[]; strict: true; allowPositionals: false; options: typeof options }>>['values'];
  try {
    ({ values } = parseArgs({ args, strict: true, allowPositionals: false, options }));
  } catch (err) {
    throw new UsageError(`参数错误：${argumentErrorMessage(err)}`);
  }
  if (values.help) return 'help';
  let port: number | undefined;
  if (values.port !== undefined) {
    const text = values.port.trim();
    port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
    if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) {
      throw new UsageError(`--port 应为 0 到 65535 之间的整数（0 表示任选空闲端口），而不是“${values.port.slice(0, 20)}”。`);
    }
  }
  if (values.db !== undefined && !values.db.trim()) throw new UsageError('--db 后面应写数据库文件的路径。');
  const location = storeLocation(values.db);
  if (location.engine === 'postgres') {
    // The browser version is one person's, on one PC: a SQLite file (the PostgreSQL store is for `taizhang serve`, issue 22).
    throw new StartError(`网页版只能使用数据库文件，不能使用 PostgreSQL 数据库（${location.shown}）。请用 --db 指定一个数据库文件。`);
  }
  return { dbPath: location.path, port };
}

async function listen(core: Core, port: number | undefined): Promise<WebHost> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const start = (p: number) => startWebHost({ core, port: p, rendererDir: path.join(root, 'dist/renderer') });
  if (port !== undefined) {
    try {
      return await start(port);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new StartError(`端口 ${port} 已被其他程序占用。请换一个端口，或用 --port 0 任选一个空闲端口。`);
      if (code === 'EACCES') throw new StartError(`没有权限使用端口 ${port}（1024 以下的端口通常需要管理员权限）。请换一个端口，或用 --port 0。`);
      throw err;
    }
  }
  try {
    return await start(DEFAULT_PORT);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return start(0); // the usual port is taken (another copy running?): any free one will do
  }
}

async function main(): Promise<number> {
  let options: WebOptions | 'help';
  try {
    options = parseWebArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof StartError) {
      console.error(`无法启动科创台账网页版：${err.message}`);
      return 1;
    }
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const { dbPath } = options;
  let core: Core | null = null;
  try {
    // A new database starts empty: the page offers 打开示例 or 新建台账 (first run).
    core = openCore({ dbPath, seedIfNew: false });
    const host = await listen(core, options.port);
    console.log(`科创台账网页版已启动 Taizhang is running at: ${host.url}`);
    console.log('（地址中含本次运行的访问令牌，请勿发给他人。The address carries this run\'s access token: keep it to yourself.）');
    console.log(`数据库 Database: ${dbPath}`);
    console.log('在浏览器中打开上面的地址；按 Ctrl+C 退出。Open the address above in a browser; Ctrl+C to stop.');
    const opened = core;
    const stop = async () => {
      await host.close();
      opened.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return -1; // keep serving
  } catch (err) {
    core?.close();
    if (err instanceof StartError) {
      console.error(`无法启动科创台账网页版：${err.message}`);
      return 1;
    }
    const failure = failureOf(err, { dbPath });
    if (failure.unexpected) errorLogBeside(dbPath).error('npm run web', err);
    console.error(`无法启动科创台账网页版：${failure.error.message}`);
    return 1;
  }
}

main().then((status) => {
  if (status >= 0) process.exit(status);
});
