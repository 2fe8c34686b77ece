/**
 * Bundled next to dist/electron/file-worker.cjs by the bundle test
 * (test/integration/file-worker-bundle.test.ts), as main.cjs is: reads the
 * files named on the command line through runFileJob — so through the
 * bundled worker — and prints one JSON line per file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runFileJob, stopFileWorker } from '../../electron/core/jobs/fileJob';

const empty = { plan: null, units: [], groups: [], indicators: [], targets: [], actionLines: [], tasks: [] };

// No top-level await: the bundle is CommonJS, as main.cjs is.
async function main() {
  for (const file of process.argv.slice(2)) {
    const fileName = path.basename(file);
    const done = await runFileJob({ kind: 'import', source: { fileName, bytes: fs.readFileSync(file) }, snapshot: empty, options: {} });
    const answer =
      done.kind === 'analysed' ? { fileName, sheets: done.analysis.preview.sheets.map((s) => s.name) } : { fileName, refused: done.read.message };
    console.log(JSON.stringify(answer));
  }
  await stopFileWorker();
}

void main();
