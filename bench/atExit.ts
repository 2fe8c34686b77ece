/**
 * Clean-up when the bench process ends (temp folders, open databases): one
 * 'exit' listener for every case, run last-registered first, each allowed to fail.
 */
const tasks: (() => void)[] = [];

export function atExit(task: () => void): void {
  if (tasks.length === 0) {
    process.on('exit', () => {
      for (const t of tasks.reverse()) {
        try {
          t();
        } catch {
          // a clean-up that fails leaves a temp file behind; the others still run
        }
      }
    });
  }
  tasks.push(task);
}
