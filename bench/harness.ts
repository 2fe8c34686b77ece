/**
 * The bench harness: each benchmark is timed as a median over several runs,
 * next to a baseline measured in the same process, so the ratio means
 * something on any machine. Later issues add benchmarks in bench/cases/.
 */
import { performance } from 'node:perf_hooks';

export interface Benchmark {
  name: string;
  /** A goal in ms on the reference machine (2 cores), when the issue sets one. */
  goalMs?: number;
  /** Runs before each timed run, not timed (fresh temp files…); awaited when it returns a promise. */
  setup?: () => unknown;
  run: (prepared: unknown) => unknown | Promise<unknown>;
  teardown?: (prepared: unknown) => void;
  /** Which baseline the ratio is against (defaults to the harness baseline). */
  baseline?: Benchmark;
  /**
   * A goal as a ratio to the baseline, when the issue sets one ("within 1.5× of
   * exceljs writing the same cells"): it holds on any machine, loaded or not.
   */
  maxRatio?: number;
  /**
   * A load (many operations at once, measured by the case itself): each sample is one operation's time.
   * It runs once, whatever --runs says; `percentile` (e.g. 99) is what `goalMs` is checked against.
   */
  samples?: () => Promise<number[]>;
  percentile?: number;
  /**
   * `run` resolves with a time it measured itself, in ms — a paint timed by the browser from the
   * navigation's start — and that is the sample, not the wall clock around `run` (which would add
   * the driver's own round trips).
   */
  ownTime?: boolean;
}

export interface Result {
  name: string;
  medianMs: number;
  minMs: number;
  runs: number;
  baselineName: string;
  baselineMedianMs: number;
  ratio: number;
  goalMs?: number;
  withinGoal?: boolean;
  maxRatio?: number;
  withinRatio?: boolean;
  /** For a load: the percentile the goal is on, and its value. */
  percentile?: number;
  percentileMs?: number;
}

function sortedStats(samples: number[], percentile?: number): { median: number; min: number; pct?: number } {
  samples.sort((a, c) => a - c);
  const mid = Math.floor(samples.length / 2);
  const median = samples.length % 2 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2;
  const pct = percentile === undefined ? undefined : samples[Math.min(samples.length - 1, Math.ceil((percentile / 100) * samples.length) - 1)];
  return { median, min: samples[0], pct };
}

export async function time(b: Benchmark, runs: number): Promise<{ median: number; min: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const prepared = await b.setup?.();
    const t0 = performance.now();
    const answer = await b.run(prepared);
    const wall = performance.now() - t0;
    if (b.ownTime && typeof answer !== 'number') throw new Error(`${b.name}: run did not resolve with its own time`);
    samples.push(b.ownTime ? (answer as number) : wall);
    b.teardown?.(prepared);
  }
  samples.sort((a, c) => a - c);
  const mid = Math.floor(samples.length / 2);
  const median = samples.length % 2 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2;
  return { median, min: samples[0] };
}

export async function runAll(benchmarks: Benchmark[], defaultBaseline: Benchmark, runs: number): Promise<Result[]> {
  const baselineCache = new Map<Benchmark, number>();
  const baselineOf = async (b: Benchmark) => {
    const base = b.baseline ?? defaultBaseline;
    if (!baselineCache.has(base)) baselineCache.set(base, (await time(base, runs)).median);
    return { base, ms: baselineCache.get(base)! };
  };
  const results: Result[] = [];
  for (const b of benchmarks) {
    const { base, ms } = await baselineOf(b);
    const load = b.samples ? await b.samples() : null;
    const { median, min, pct } = load ? sortedStats(load, b.percentile) : { ...(await time(b, runs)), pct: undefined };
    const judged = pct ?? median;
    results.push({
      name: b.name,
      medianMs: median,
      minMs: min,
      runs: load ? load.length : runs,
      percentile: load ? b.percentile : undefined,
      percentileMs: pct,
      baselineName: base.name,
      baselineMedianMs: ms,
      ratio: median / ms,
      goalMs: b.goalMs,
      withinGoal: b.goalMs === undefined ? undefined : judged <= b.goalMs,
      maxRatio: b.maxRatio,
      withinRatio: b.maxRatio === undefined ? undefined : median / ms <= b.maxRatio,
    });
  }
  return results;
}

export function formatResults(results: Result[]): string {
  const lines = results.map((r) => {
    const pct = r.percentileMs === undefined ? '' : `  p${r.percentile} ${r.percentileMs.toFixed(2)} ms`;
    const goal =
      pct +
      (r.goalMs === undefined ? '' : `  goal ${r.percentileMs === undefined ? '' : `p${r.percentile} `}≤ ${r.goalMs} ms: ${r.withinGoal ? 'met' : 'NOT MET'}`) +
      (r.maxRatio === undefined ? '' : `  goal ≤ ${r.maxRatio} × baseline: ${r.withinRatio ? 'met' : 'NOT MET'}`);
    return `${r.name}\n  median ${r.medianMs.toFixed(2)} ms (min ${r.minMs.toFixed(2)}, ${r.runs} ${r.percentileMs === undefined ? 'runs' : 'operations'})  = ${r.ratio.toFixed(2)} × baseline "${r.baselineName}" (${r.baselineMedianMs.toFixed(2)} ms)${goal}`;
  });
  return lines.join('\n');
}
