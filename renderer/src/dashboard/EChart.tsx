/** One ECharts chart; the library arrives with the first chart shown (a separate bundle chunk). */
import { useEffect, useRef, useState } from 'react';

type Lib = typeof import('./echartsLib');
let libPromise: Promise<Lib> | null = null;
const loadLib = () => (libPromise ??= import('./echartsLib'));

export interface EChartProps {
  option: Record<string, unknown>;
  height: number;
  /** Clicking a bar or point: its data item (our options put unitId on bar items). */
  onItemClick?: (data: unknown, dataIndex: number) => void;
  testId?: string;
  /** What the chart shows, for screen readers and tests. */
  label: string;
}

export function EChart({ option, height, onItemClick, testId, label }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<import('echarts/core').ECharts | null>(null);
  const clickRef = useRef(onItemClick);
  clickRef.current = onItemClick;
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let resize: ResizeObserver | null = null;
    void loadLib().then(({ echarts }) => {
      if (disposed || !ref.current) return;
      const c = echarts.init(ref.current, undefined, { renderer: 'canvas' });
      c.on('click', (p) => clickRef.current?.(p.data, p.dataIndex));
      chart.current = c;
      resize = new ResizeObserver(() => c.resize());
      resize.observe(ref.current);
      setReady(true);
    });
    return () => {
      disposed = true;
      resize?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (ready) chart.current?.setOption(option, { notMerge: true });
  }, [option, ready]);

  return <div ref={ref} style={{ height, width: '100%' }} data-testid={testId} data-ready={ready} role="img" aria-label={label} />;
}
