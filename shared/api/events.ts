/**
 * The events the core pushes to every open window, and their names in one list
 * every door forwards (the Electron shell, the web host, the renderer's transport).
 * No run-time imports: the sandboxed preload bundle reads this too.
 */
import type { JobProgress } from './methods/summary';

export interface ApiEvents {
  /** Something in the database changed; screens showing that plan reload. */
  'data.changed': { planId: number | null; reason: string };
  /** A long job (summary PDF) moved on; the window that started it shows the stage. */
  'job.progress': JobProgress;
}
export type ApiEventName = keyof ApiEvents;

/** Every event name, once: `satisfies` makes an event added to ApiEvents without it here a type error. */
const EVENTS = { 'data.changed': true, 'job.progress': true } as const satisfies Record<ApiEventName, true>;
export const API_EVENT_NAMES = Object.keys(EVENTS) as ApiEventName[];
