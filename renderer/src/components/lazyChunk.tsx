/**
 * Code the first screen does not draw, in chunks of their own (issue 15: the
 * window's first paint). The first bundle holds the shell and 概览; the other
 * pages (pages/lazyPages.tsx) and what only opens on demand — the import
 * drawer, the plan dialogs, the guide, the new-ledger form — are fetched once
 * the first screen is painted and the browser is idle (preloadChunks), so a
 * click still opens them at once. Drawn before its chunk is in, a page waits
 * under the shell's spinner and a drawer or dialog opens a moment later.
 *
 * Why not React.lazy: a chunk that could not be fetched (the server updated
 * meanwhile, the connection lost) must say so with a way out rather than
 * throw, and a loaded chunk must draw without suspending again.
 */
import { Suspense, use, useState, type ComponentType } from 'react';
import { Button, Modal } from 'antd';

/** One chunk's component: loaded once, then drawn without suspending again. */
interface Chunk<P> {
  load(): Promise<ComponentType<P>>;
  Loaded?: ComponentType<P>;
  failed?: boolean;
  pending?: Promise<void>;
}

/** Every chunk, in the order preloadChunks fetches them. */
const ALL: Chunk<never>[] = [];

function chunk<P>(load: () => Promise<ComponentType<P>>): Chunk<P> {
  const c: Chunk<P> = { load };
  ALL.push(c as Chunk<never>);
  return c;
}

function preload<P>(c: Chunk<P>): Promise<void> {
  c.pending ??= c.load().then(
    (component) => {
      c.Loaded = component;
    },
    () => {
      c.failed = true;
    },
  );
  return c.pending;
}

/** The chunk's component; the first time, suspends until it is in; a chunk that failed draws `Failed`. */
function ChunkView<P extends object>({ c, props, Failed }: { c: Chunk<P>; props: P; Failed: ComponentType<P> }) {
  if (!c.Loaded && !c.failed) use(preload(c));
  const { Loaded } = c;
  if (!Loaded) return <Failed {...props} />;
  return <Loaded {...props} />;
}

/** What a drawer or dialog may be told: shown or not, and how to close it. */
interface Overlay {
  open?: boolean;
  onClose?(): void;
}

/**
 * A drawer or dialog that could not be fetched: said in a dialog of its own, with the way out. It opens
 * and closes as the part would have (its `open`, its `onClose`), so asking again says so again.
 */
function PartLoadFailed({ open, onClose }: Overlay) {
  const [closed, setClosed] = useState(false);
  const close = () => (onClose ? onClose() : setClosed(true));
  return (
    <Modal
      open={open ?? !closed}
      title="未能打开"
      onCancel={close}
      footer={[
        <Button key="close" onClick={close}>
          关闭
        </Button>,
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>
          重新载入
        </Button>,
      ]}
    >
      这部分的程序文件没有取到（可能是服务器刚更新或网络中断）。已保存的数据不受影响，请重新载入窗口。
    </Modal>
  );
}

/**
 * A page in a chunk of its own: drawn under the shell's Suspense (its spinner) the first time.
 * `Failed` is what it draws when the chunk could not be fetched.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>, Failed: ComponentType<P>): ComponentType<P> {
  const c = chunk(load);
  return (props: P) => <ChunkView c={c} props={props} Failed={Failed} />;
}

/**
 * A drawer or dialog in a chunk of its own: until the chunk is in it draws nothing (it opens a moment later).
 * `open`/`onClose`, when given, are what its failure dialog follows (a part that reads its own store, as the
 * guide does, is given them for that alone).
 */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P & Overlay> {
  const c = chunk(load);
  return (props: P & Overlay) => (
    <Suspense fallback={null}>
      {/* A part's own props may say nothing of open/onClose (a form in a dialog): PartLoadFailed then opens itself. */}
      <ChunkView c={c} props={props} Failed={PartLoadFailed as ComponentType<P>} />
    </Suspense>
  );
}

/**
 * True from the first time `open` is true on: a lazy drawer or dialog is drawn from its first
 * opening and kept afterwards (what was typed in it, its closing animation), as if always there.
 */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}

/** Fetches every chunk once the first screen is drawn and the browser is idle. */
export function preloadChunks(): void {
  const start = () => {
    for (const c of ALL) void preload(c);
  };
  if ('requestIdleCallback' in window) window.requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 200);
}
