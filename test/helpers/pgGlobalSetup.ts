/**
 * The `postgres` project's one throwaway PostgreSQL cluster (vitest.config.ts):
 * started before its first test file, its URL provided to every file
 * (testStore.ts reads it with inject), stopped after the last. Without
 * PostgreSQL's binaries it fails saying how to install them (pgCluster.ts).
 */
import type { TestProject } from 'vitest/node';
import { startPgCluster } from './pgCluster';
import { tempDir } from './tempDb';

declare module 'vitest' {
  export interface ProvidedContext {
    pgClusterUrl: string;
    /** The per-user folder of the run's stores (XDG_CONFIG_HOME): the pg_dump copies an operation takes land there, not in the real home. */
    pgUserHome: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPgCluster();
  const home = tempDir('taizhang-pg-home-');
  project.provide('pgClusterUrl', cluster.url());
  project.provide('pgUserHome', home.dir);
  return () => {
    cluster.stop();
    home.cleanup();
  };
}
