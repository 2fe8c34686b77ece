/** What a returned file says, before it is compared with the database (review.ts). */
import type { ReturnedFigure, ReturnedProgress } from '../../../shared/exchange/diff';
import type { ExchangeIdentity } from '../../../shared/exchange/identity';
import type { ExchangeFileKind, ExchangeProblem } from '../../../shared/exchange/review';

export interface ParsedReturn {
  kind: ExchangeFileKind;
  identity: ExchangeIdentity;
  figures: ReturnedFigure[];
  progress: ReturnedProgress[];
  returnedBy: string | null;
  /** Set when the file contradicts its own identification (tampered, another unit). */
  refusal: string | null;
  problems: ExchangeProblem[];
}

/** A file that is not an exchange file at all, or cannot be read. */
export class NotAnExchangeFile extends Error {}
