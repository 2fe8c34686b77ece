/** sha256 of the identification's canonical text (shared/exchange/identity.ts), hex. */
import { createHash, randomUUID } from 'node:crypto';
import { checksumInput, type ExchangeIdentity } from '../../../shared/exchange/identity';

export function checksumOf(identity: Omit<ExchangeIdentity, 'checksum'> & { checksum?: string }): string {
  return createHash('sha256').update(checksumInput(identity), 'utf8').digest('hex');
}

export function seal(identity: Omit<ExchangeIdentity, 'checksum'>): ExchangeIdentity {
  return { ...identity, checksum: checksumOf(identity) };
}

export function checksumMatches(identity: ExchangeIdentity): boolean {
  return checksumOf(identity) === identity.checksum;
}

export const newExportId = () => randomUUID();
