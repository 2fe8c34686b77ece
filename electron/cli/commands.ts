/** The CLI's commands, one entry each (their shape and helpers: ./command.ts). */
import type { CliCommand } from './command';
import { infoCommand } from './info';
import { exportCommand } from './export';
import { importCommand } from './import';
import { exchangeCommand } from './exchange';
import { backupCommand } from './backup';
import { planCommand } from './plan';
import { statusCommand } from './status';
import { unitCommand } from './unit';
import { userCommand } from './user';
import { serveCommand } from './serve';
import { syncCommand } from './sync';

export type { CliCommand, CliContext, CliIo } from './command';

export const COMMANDS: CliCommand[] = [infoCommand, exportCommand, importCommand, exchangeCommand, backupCommand, planCommand, unitCommand, statusCommand, userCommand, serveCommand, syncCommand];
