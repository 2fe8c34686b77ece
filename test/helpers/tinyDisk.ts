/**
 * A full disk for the tests, as real as the machine allows: a tiny tmpfs
 * mounted in a temp folder (needs root, as CI runs) that the test fills to
 * the brim; where mounting is not allowed, the fault-injecting stand-in
 * test/helpers/fullDisk.cjs, which child processes load through the env.
 * `kind` says which one a run used (tests put it in their names).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PRELOAD = path.resolve(__dirname, 'fullDisk.cjs');

export interface TinyDisk {
  kind: 'tmpfs' | 'injected';
  dir: string;
  /** The environment a child process needs to see the disk as full (the stand-in's; nothing for tmpfs). */
  env: NodeJS.ProcessEnv;
  /** Fills the disk until `leaveBytes` remain (tmpfs; the stand-in is always full for children). */
  fill(leaveBytes: number): void;
  /** Frees what fill() took. */
  unfill(): void;
  cleanup(): void;
}

function tryMount(dir: string, sizeKb: number): boolean {
  // TAIZHANG_TEST_NO_MOUNT=1 runs the stand-in on a machine that could mount (to check the stand-in itself).
  if (process.platform !== 'linux' || process.env.TAIZHANG_TEST_NO_MOUNT) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0777`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function tinyDisk(sizeKb = 4096): TinyDisk {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-tinydisk-'));
  const filler = path.join(dir, 'filler.bin');
  const mounted = tryMount(dir, sizeKb);
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  if (mounted) {
    return {
      kind: 'tmpfs',
      dir,
      env: {},
      fill(leaveBytes) {
        fs.rmSync(filler, { force: true });
        const s = fs.statfsSync(dir);
        fs.writeFileSync(filler, Buffer.alloc(Math.max(0, s.bavail * s.bsize - leaveBytes)));
      },
      unfill: () => fs.rmSync(filler, { force: true }),
      cleanup() {
        try {
          execFileSync('umount', [dir], { stdio: 'ignore' });
        } finally {
          remove();
        }
      },
    };
  }
  return {
    kind: 'injected',
    dir,
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${PRELOAD}`.trim(), TAIZHANG_TEST_FULL_DIR: fs.realpathSync(dir) },
    fill: () => undefined,
    unfill: () => undefined,
    cleanup: remove,
  };
}
