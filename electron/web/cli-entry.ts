/**
 * `npm run web`: serve Taizhang to a browser on this machine.
 *   npm run web -- [--db PATH] [--port N]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore, defaultDbPath } from '../core';
import { startWebHost } from './host';

const DEFAULT_PORT = 4410;

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dbPath = path.resolve(argValue(args, '--db') ?? defaultDbPath());
  const wantedPort = Number(argValue(args, '--port') ?? DEFAULT_PORT);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const core = openCore({ dbPath });
  const start = (port: number) => startWebHost({ core, port, rendererDir: path.join(root, 'dist/renderer') });
  let host;
  try {
    host = await start(wantedPort);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    host = await start(0); // the usual port is taken (another copy running?): any free one will do
  }
  console.log(`科创台账网页版已启动 Taizhang is running at: ${host.url}`);
  console.log('（地址中含本次运行的访问令牌，请勿发给他人。The address carries this run\'s access token: keep it to yourself.）');
  console.log(`数据库 Database: ${dbPath}`);
  console.log('在浏览器中打开上面的地址；按 Ctrl+C 退出。Open the address above in a browser; Ctrl+C to stop.');
  const stop = async () => {
    await host.close();
    core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`无法启动科创台账网页版：${(err as Error).message}`);
  process.exit(1);
});
