/**
 * The `postgres` project's one throwaway PostgreSQL cluster (vitest.config.ts):
 * started before its first test file, its URL provided to every file
 * (testStore.ts reads it with inject), stopped after the last. Without
 * PostgreSQL's binaries it fails saying how to install them (pgCluster.ts).
 */
import type { TestProject } from 'vitest/node';
import { startPgCluster } from './pgCluster';

declare module 'vitest' {
  export interface ProvidedContext {
    pgClusterUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPgCluster();
  project.provide('pgClusterUrl', cluster.url());
  return () => cluster.stop();
}
