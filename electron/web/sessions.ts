/**
 * The web door's sessions: one per browser tab, each with its own operator
 * (操作员) slot, so a colleague's tab never writes under another's name.
 *
 * A tab gets its session secret once, by presenting the printed token
 * (POST /api/session), and keeps it in sessionStorage — per tab and per
 * origin (port included), so no other local program or site can read it,
 * unlike a 127.0.0.1 cookie, which browsers send to every port. Scripts use
 * the printed token itself; they share one slot (`tokenSlot`), named once
 * with operator.set.
 *
 * Bounded: at most MAX_SESSIONS live; opening one more forgets the least
 * recently used (that tab is then asked to reopen the printed address).
 * Secrets are kept only as sha256 digests and never logged.
 */
import crypto from 'node:crypto';
import type { OperatorSlot } from '../core';

export const MAX_SESSIONS = 50;

const digest = (secret: string) => crypto.createHash('sha256').update(secret).digest('hex');

export class SessionTable {
  /** Digest of the secret → the tab's operator slot; Map order is use order (oldest first). */
  private readonly slots = new Map<string, OperatorSlot>();

  constructor(private readonly max = MAX_SESSIONS) {}

  get size(): number {
    return this.slots.size;
  }

  /** A new session: its secret (for the tab to keep) and its own, still empty, operator slot. */
  open(): string {
    const secret = crypto.randomBytes(32).toString('base64url');
    this.slots.set(digest(secret), { name: null });
    while (this.slots.size > this.max) this.slots.delete(this.slots.keys().next().value as string);
    return secret;
  }

  /** The slot of a live session, marked as just used; null when unknown or forgotten. */
  slotOf(secret: string): OperatorSlot | null {
    const key = digest(secret);
    const slot = this.slots.get(key);
    if (!slot) return null;
    this.slots.delete(key);
    this.slots.set(key, slot);
    return slot;
  }
}
