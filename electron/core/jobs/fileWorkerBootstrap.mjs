// Entry of the file worker when Taizhang runs from source (tsx: the CLI, tests,
// `npm run web`): a new thread does not inherit the parent's TypeScript
// loader, so register tsx here, then load the TypeScript worker. The Electron
// bundle does not use this file: it starts dist/electron/file-worker.cjs.
import { register } from 'tsx/esm/api';

register();
await import('./fileWorker.ts');
