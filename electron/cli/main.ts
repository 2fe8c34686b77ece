/**
 * The CLI door: `taizhang <command> [options]`. It opens the core, calls the
 * same API as the window does, prints, and returns an exit status. Every
 * failure, whatever it is, leaves through reportFailure (failure.ts): a
 * Chinese sentence or, with --json, a JSON object; never a stack trace.
 */
import { parseArgs } from 'node:util';
import { openCore, defaultDbPath, shownLocation, storeLocation, type Caller, type Core, type StoreLocation } from '../core';
import { COMMANDS, type CliCommand, type CliContext, type CliIo } from './commands';
import { argumentErrorMessage } from './args';
import { reportFailure } from './failure';
import { Refusal, UsageError } from './output';
import { EXAMPLES, isExampleName } from '../core/seed/example';

export const USAGE = `科创台账 Taizhang 命令行

用法 Usage: taizhang <命令> [选项]

命令 Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)}${c.summary}`).join('\n')}

通用选项 Options:
  --db PATH   使用指定的数据库文件（默认：${defaultDbPath()}，可用环境变量 TAIZHANG_DB 改变）
              或 PostgreSQL 数据库 postgres://用户:密码@主机:端口/数据库（${postgresNote()}）
  --json      以 JSON 输出（供脚本使用；出错时也输出 {"ok": false, "error": {"code", "message"}}）
  --operator NAME  本条命令的操作员姓名，只对这一条命令有效（记入修改记录；不写则用本机设置的操作员）
  --empty     新建数据库时不载入示例
  --example NAME  载入指定示例：qingyunpu-2022（青云谱区，默认）或 nanchang-2022（南昌市，市级）
  -h, --help  显示帮助
  --version   显示版本

退出状态 Exit status: 0 完成，1 被拒绝或失败，2 用法错误。
出错的详细信息记入数据库所在文件夹的 taizhang.log。
`;

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
  in: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

const GLOBAL_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false },
  // Who this command's writes are recorded under — for this command only (electron/core/caller.ts).
  operator: { type: 'string' },
  // A new database starts without the 青云谱区 example.
  empty: { type: 'boolean', default: false },
  // Which example a new database opens with (qingyunpu-2022 by default; nanchang-2022 the city level).
  example: { type: 'string' },
} as const;

/** A lenient first pass finds the command, so the strict pass can accept that command's own options. */
function commandOf(argv: string[]): CliCommand | undefined {
  try {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: false, options: GLOBAL_OPTIONS });
    return COMMANDS.find((c) => c.name === positionals[0]);
  } catch {
    return undefined;
  }
}

/** The commands that run on a PostgreSQL store so far (CliCommand.postgres). */
function postgresCommands(): string {
  return COMMANDS.filter((c) => c.postgres).map((c) => c.name).join('、');
}

/** Which commands a PostgreSQL store takes, as the help says it: all but those that refuse it (sync: a desktop's own file syncs). */
function postgresNote(): string {
  const refused = COMMANDS.filter((c) => !c.postgres).map((c) => c.name);
  return refused.length === 0 ? '各命令均可用' : `除 ${refused.join('、')} 命令外均可用`;
}

/** --db, else TAIZHANG_DB, else the per-user file: the one rule of store/location.ts. */
function locationOf(value: unknown): StoreLocation {
  try {
    return storeLocation(typeof value === 'string' ? value : undefined);
  } catch {
    return storeLocation('taizhang.db');
  }
}

/** The core over the store: a SQLite file, or a PostgreSQL database for the commands that run there. */
async function openStore(location: StoreLocation, command: CliCommand, values: { empty?: unknown; example?: unknown }): Promise<Core> {
  const example = typeof values.example === 'string' ? values.example : undefined;
  if (location.engine === 'postgres') {
    if (command.postgresRefusal) throw new Refusal(command.postgresRefusal(location.shown));
    if (!command.postgres) {
      throw new Refusal(
        `“${command.name}”命令还不能用于 PostgreSQL 数据库（${location.shown}），未作任何修改。目前可用于 PostgreSQL 的命令：${postgresCommands()}；其他命令请用 SQLite 数据库文件（--db 文件路径）。`,
      );
    }
    // Loaded only for a PostgreSQL store: pg and the PostgreSQL core's modules stay out of every file command's start-up.
    const { openPostgresCore } = await import('../core/store/postgres/core');
    return openPostgresCore({ url: location.url, shown: location.shown, example, dailyBackup: command.postgresDailyCopy === true });
  }
  return openCore({ dbPath: location.path, seedIfNew: values.empty !== true, example });
}

export async function run(argv: string[], io: CliIo = defaultIo): Promise<number> {
  // Known before parsing, so even a wrong option is answered in JSON when JSON was asked for.
  const scene = { json: argv.includes('--json'), io, dbPath: shownLocation(locationOf(undefined)), command: commandOf(argv) };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { ...scene.command?.options, ...GLOBAL_OPTIONS },
    });
  } catch (err) {
    return reportFailure(new UsageError(`参数错误：${argumentErrorMessage(err)}`, scene.command ? undefined : USAGE), scene);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    const { APP_VERSION } = await import('../core/version');
    io.out(APP_VERSION);
    return 0;
  }
  const [name, ...rest] = positionals;
  if (values.help || !name || name === 'help') {
    io.out(USAGE);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return reportFailure(new UsageError(`未知命令“${name}”。`, USAGE), scene);
  const location = locationOf(values.db);
  const full = { ...scene, json: values.json === true, dbPath: shownLocation(location), command, options: values };
  let core: Core;
  try {
    const example = typeof values.example === 'string' ? values.example : undefined;
    if (example !== undefined && !isExampleName(example)) {
      return reportFailure(new UsageError(`没有名为“${example}”的示例。可用：${Object.keys(EXAMPLES).join('、')}。`), full);
    }
    core = await openStore(location, command, values);
  } catch (err) {
    return reportFailure(err, full);
  }
  const operator = typeof values.operator === 'string' && values.operator.trim() ? values.operator.trim() : undefined;
  const caller: Caller = { kind: 'command', ...(operator ? { operator } : {}) };
  try {
    return await command.run({ core: withCaller(core, caller), args: rest, json: full.json, io, options: values as CliContext['options'] });
  } catch (err) {
    return reportFailure(err, full);
  } finally {
    try {
      await core.close();
    } catch {
      // Closing only checkpoints the WAL (or ends the PostgreSQL pool); what was committed is safe either way.
    }
  }
}

/**
 * The core as one command sees it: every call carries the command's caller (its --operator) —
 * unless the call names its own, as `taizhang serve` does for each logged-in account.
 */
function withCaller(core: Core, caller: Caller): Core {
  return { ...core, call: (method, request, own) => core.call(method, request, own ?? caller) };
}
