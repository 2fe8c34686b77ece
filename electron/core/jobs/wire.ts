/**
 * An import's targets across the worker boundary (jobs/fileWorker.ts →
 * jobs/fileJob.ts) as four Float64Arrays whose buffers are moved, not copied.
 *
 * Why: a 2,000 units × 40 indicators sheet gives 80,000 targets. Posted as
 * objects, structured clone serialises each in the worker and builds it again
 * in the core's thread — some 50 ms of the import's time, most of it on the
 * thread that then writes them (issue 13). Packed, the worker fills four
 * arrays in one pass and hands their memory over; the core's thread builds
 * the objects the write reads, which is cheaper than deserialising them.
 *
 * Float64 holds every id SQLite can give (exact integers up to 2^53), the new
 * rows' negative ids of the analysis, and every value; a missing valueMax
 * travels as NaN (a value is never NaN: the readers refuse one).
 */
import type { WritePlan } from '../../../shared/import/analyse';
import type { FileTaskResult, FileTask } from './fileTasks';

type Targets = WritePlan['targets'];

export interface PackedTargets {
  packed: 'targets';
  indicatorIds: Float64Array;
  unitIds: Float64Array;
  values: Float64Array;
  valueMaxes: Float64Array;
}

export function packTargets(targets: Targets): PackedTargets {
  const n = targets.length;
  const p: PackedTargets = {
    packed: 'targets',
    indicatorIds: new Float64Array(n),
    unitIds: new Float64Array(n),
    values: new Float64Array(n),
    valueMaxes: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const t = targets[i];
    p.indicatorIds[i] = t.indicatorId;
    p.unitIds[i] = t.unitId;
    p.values[i] = t.value;
    p.valueMaxes[i] = t.valueMax ?? Number.NaN;
  }
  return p;
}

export function unpackTargets(p: PackedTargets): Targets {
  const n = p.values.length;
  const targets: Targets = new Array(n);
  for (let i = 0; i < n; i++) {
    const max = p.valueMaxes[i];
    targets[i] = { indicatorId: p.indicatorIds[i], unitId: p.unitIds[i], value: p.values[i], valueMax: Number.isNaN(max) ? null : max };
  }
  return targets;
}

const isPacked = (v: unknown): v is PackedTargets => (v as PackedTargets | null)?.packed === 'targets';

/** The worker's answer as it is posted: an analysed import's targets packed, with the buffers to move. */
export function toWire(result: FileTaskResult<FileTask>): { result: unknown; transfer: ArrayBuffer[] } {
  if (result.kind !== 'analysed' || !result.analysis.write) return { result, transfer: [] };
  const packed = packTargets(result.analysis.write.targets);
  const write = { ...result.analysis.write, targets: packed };
  return {
    result: { ...result, analysis: { ...result.analysis, write } },
    transfer: [packed.indicatorIds.buffer, packed.unitIds.buffer, packed.values.buffer, packed.valueMaxes.buffer] as ArrayBuffer[],
  };
}

/** The answer as the core uses it: the targets unpacked where the worker packed them. */
export function fromWire(result: unknown): unknown {
  const write = (result as { analysis?: { write?: { targets?: unknown } | null } } | null)?.analysis?.write;
  if (!write || !isPacked(write.targets)) return result;
  const r = result as { analysis: { write: { targets: unknown } } };
  return { ...r, analysis: { ...r.analysis, write: { ...r.analysis.write, targets: unpackTargets(write.targets) } } };
}
