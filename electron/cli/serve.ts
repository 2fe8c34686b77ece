/**
 * `taizhang serve --db FILE|postgres://… [--host H] [--port N] [--secure-cookie]`: the
 * intranet server (electron/web/server.ts) — the same pages and API as the
 * desktop window, for many people at once, each with an account. It needs an
 * enabled admin account first (`taizhang user add … --role admin`), and runs
 * until SIGINT or SIGTERM (systemd's stop), then closes the database cleanly.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type Server } from '../web/server';
import { callOrThrow, type CliCommand } from './command';
import { optionText, Refusal, UsageError } from './output';

const DEFAULT_PORT = 4420;

const USAGE = [
  'taizhang serve --db 数据库文件或postgres://… [--host 地址] [--port 端口] [--secure-cookie]',
  '',
  `  --host H          监听的地址（默认 127.0.0.1：由本机的 nginx 转发；0.0.0.0 表示所有网卡）`,
  `  --port N          端口，1-65535（默认 ${DEFAULT_PORT}；0 表示任选空闲端口）`,
  '  --secure-cookie   登录 Cookie 总是带 Secure（浏览器经 https 访问、而代理未传 X-Forwarded-Proto 时）',
  '',
  '先用 taizhang user add --name 姓名 --role admin --password-stdin 新建管理员账户。',
].join('\n');

function portOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new UsageError(`--port 应为 0 到 65535 之间的整数（0 表示任选空闲端口），而不是“${value.slice(0, 20)}”。`);
  }
  return port;
}

/** Runs until one of the signals; the command then returns and main.ts closes the database. */
function untilStopped(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: '在内网以多用户服务器运行（账户登录、角色、审核）：serve --db FILE [--host H] [--port N]',
  usage: USAGE,
  // On a PostgreSQL store too (issue 22): the same door over the PostgreSQL core, which awaits the session
  // lookups; the daily pg_dump copy is taken at start, as a file's is.
  postgres: true,
  postgresDailyCopy: true,
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    'secure-cookie': { type: 'boolean' },
  },
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`serve 不接受参数“${ctx.args[0]}”。`);
    const port = portOf(typeof ctx.options?.port === 'string' ? ctx.options.port : undefined);
    const host = optionText(ctx.options?.host) ?? '127.0.0.1';
    const { users } = await callOrThrow(ctx.core, 'users.list', {});
    if (!users.some((u) => u.role === 'admin' && !u.disabled)) {
      throw new Refusal(
        '还没有可用的管理员账户，无法启动服务：请先运行 taizhang user add --name 姓名 --role admin --password-stdin --operator 姓名（在同一个 --db 上），再启动 serve。',
      );
    }
    // The built pages beside the program; TAIZHANG_RENDERER_DIR names another folder (tests, a packaged layout).
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const rendererDir = process.env.TAIZHANG_RENDERER_DIR || path.join(root, 'dist/renderer');
    let server: Server;
    try {
      server = await startServer({ core: ctx.core, rendererDir, host, port, secureCookie: ctx.options?.['secure-cookie'] === true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new Refusal(`端口 ${port} 已被其他程序占用。请换一个端口（--port）。`);
      if (code === 'EACCES') throw new Refusal(`没有权限使用端口 ${port}（1024 以下的端口需要管理员权限）：请用 4420 这样的端口，由 nginx 对外提供 80/443。`);
      if (code === 'EADDRNOTAVAIL') throw new Refusal(`本机没有地址 ${host}：--host 应为本机的一个地址，或 0.0.0.0（所有网卡）。`);
      throw err;
    }
    const where = `http://${host.includes(':') ? `[${host}]` : host}:${server.port}`;
    if (ctx.json) ctx.io.out(JSON.stringify({ ok: true, host, port: server.port, url: where, db: ctx.core.dbPath }));
    else {
      ctx.io.out(`科创台账服务已启动 Taizhang server is listening on ${where}`);
      ctx.io.out(`数据库 Database: ${ctx.core.dbPath}`);
      ctx.io.out('用账户登录后使用；按 Ctrl+C 或 systemctl stop 停止。Log in with an account; Ctrl+C or systemctl stop to stop.');
    }
    await untilStopped(server);
    if (!ctx.json) ctx.io.out('科创台账服务已停止。');
    return 0;
  },
};
