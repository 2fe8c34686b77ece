/**
 * The worker thread that reads files from outside (electron/core/jobs/fileJob.ts
 * starts it with a heap limit and stops it when a file takes too long), so
 * neither the window nor the web host waits on a workbook. One task at a time;
 * the thread stays alive between tasks, with its modules loaded.
 *
 * Messages in:  { id, task }                      (a FileTask)
 * Messages out: { type: 'ready' }                 (modules loaded)
 *               { id, type: 'done', result }
 *               { id, type: 'error', message }    (a bug, not a bad file: bad files are results)
 */
import { parentPort } from 'node:worker_threads';
import { runFileTask, type FileTask } from './fileTasks';
import { toWire } from './wire';

export type FileJobRequest = { id: number; task: FileTask };
export type FileJobMessage =
  | { type: 'ready'; id?: undefined }
  | { id: number; type: 'done'; result: unknown }
  | { id: number; type: 'error'; message: string; stack?: string };

const port = parentPort;
if (port) {
  port.on('message', async ({ id, task }: FileJobRequest) => {
    try {
      // An import's 80,000 targets go as typed arrays whose memory is moved, not cloned (wire.ts).
      const { result, transfer } = toWire(await runFileTask(task));
      port.postMessage({ id, type: 'done', result } satisfies FileJobMessage, transfer);
    } catch (err) {
      port.postMessage({ id, type: 'error', message: (err as Error)?.message ?? String(err), stack: (err as Error)?.stack } satisfies FileJobMessage);
    }
  });
  port.postMessage({ type: 'ready' } satisfies FileJobMessage);
}
