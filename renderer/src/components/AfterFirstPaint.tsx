/**
 * What lies below the first screen, drawn one frame later (issue 15: the
 * dashboard's first paint). The first frame holds what a 科长 sees on opening
 * — the tiles and the heatmap — and the browser paints it before the charts,
 * the task tables and the 催报 list are built: each of those forces its own
 * style and layout work (tables measure the scrollbar, charts their box), so
 * drawn in the same frame they hold the first screen back. The space they
 * take is kept meanwhile, so nothing above moves.
 */
import { useEffect, useState, type ReactNode } from 'react';

/** False on the first render, true once the browser has painted the frame holding it. */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame callback runs before that frame is painted; a task queued from it runs after the paint.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [painted]);
  return painted;
}

/** Its children from the second frame on; until then an empty block of `minHeight` pixels. */
export function AfterFirstPaint({ minHeight, children }: { minHeight: number; children: ReactNode }) {
  const painted = useAfterFirstPaint();
  return painted ? children : <div style={{ minHeight }} aria-busy="true" />;
}
