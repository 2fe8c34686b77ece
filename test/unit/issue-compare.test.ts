/** The one rule of what receiving does with an issued target (shared/exchange/issue.ts). */
import { describe, expect, it } from 'vitest';
import { compareIssued, sameTarget } from '../../shared/exchange/issue';

describe('compareIssued', () => {
  const base = { issued: 80, issuedMax: null, linked: true, local: 76, localMax: null, adopt: false };
  it('adds what the district does not have, and takes the issued value where it has no target', () => {
    expect(compareIssued({ ...base, linked: false, local: null })).toEqual({ kind: 'new_indicator', taken: true });
    expect(compareIssued({ ...base, local: null })).toEqual({ kind: 'new_target', taken: true });
  });
  it('keeps a differing own target unless the receiver chose the issued one', () => {
    expect(compareIssued(base)).toEqual({ kind: 'different', taken: false });
    expect(compareIssued({ ...base, adopt: true })).toEqual({ kind: 'different', taken: true });
  });
  it('sees equal targets as the same, ranges by both bounds, decimals at figure precision', () => {
    expect(compareIssued({ ...base, local: 80 })).toEqual({ kind: 'same', taken: false });
    expect(compareIssued({ ...base, issued: 1, issuedMax: 3, local: 1, localMax: 2 }).kind).toBe('different');
    expect(sameTarget(0.1 + 0.2, null, 0.3, null)).toBe(true);
    expect(sameTarget(1, null, 1, 3)).toBe(false);
  });
});
