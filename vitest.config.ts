import { configDefaults, defineConfig } from 'vitest/config';
import { NOT_ON_POSTGRES } from './test/engineProjects.js';

// vitest 5's reporters call Map.groupBy / Object.groupBy, which Node 20 lacks
// (this project's machines run Node 20). The config is loaded in the main
// process before any reporter runs, so the polyfill goes here.
type GroupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => Map<K, T[]>;
const mapWithGroupBy = Map as unknown as { groupBy?: GroupBy };
if (!mapWithGroupBy.groupBy) {
  mapWithGroupBy.groupBy = (items, key) => {
    const out = new Map();
    let i = 0;
    for (const item of items) {
      const k = key(item, i++);
      out.set(k, [...(out.get(k) ?? []), item]);
    }
    return out;
  };
}
const objectWithGroupBy = Object as unknown as { groupBy?: (items: Iterable<unknown>, key: (item: unknown, i: number) => PropertyKey) => Record<PropertyKey, unknown[]> };
if (!objectWithGroupBy.groupBy) {
  objectWithGroupBy.groupBy = (items, key) => Object.fromEntries(mapWithGroupBy.groupBy!(items, key));
}

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    // expect.poll waits for the page (a save, a new plan) as a person would: 1 s is too short on 2 busy cores.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
    // Browser tests share one Chromium and one port range; keep files from starving the 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
    // The integration suite on both engines (issue 22; test/engineProjects.ts says which files and why).
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/integration/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...NOT_ON_POSTGRES],
          env: { TAIZHANG_TEST_ENGINE: 'postgres' },
          globalSetup: ['test/helpers/pgGlobalSetup.ts'],
        },
      },
    ],
  },
});
