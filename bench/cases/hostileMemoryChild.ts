/**
 * Run by bench/cases/import-hostile.ts in a process of its own: opens the
 * core on the bench's database, previews one hostile file through the API
 * (the file worker reads and checks it, as in the app) and prints the
 * process's peak resident size. A fresh process, so the peak is the
 * import's, not the bench's other cases' (they build databases and
 * workbooks of their own in the same process).
 * Usage: node --import tsx hostileMemoryChild.ts <dbPath> <file name>
 */
import { openCore } from '../../electron/core';
import { hostileFiles } from '../../test/helpers/hostileFiles';

const [dbPath, fileName] = process.argv.slice(2);
const file = hostileFiles().find((f) => f.fileName === fileName);
if (!file) throw new Error(`no hostile file named ${fileName}`);
const core = openCore({ dbPath, seedIfNew: false });
const r = await core.call('import.preview', { fileName, dataBase64: file.bytes.toString('base64') });
core.close();
const message = r.ok ? ((r.value as { problems: { message: string }[] }).problems[0]?.message ?? '') : r.error.message;
process.stdout.write(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, message }));
