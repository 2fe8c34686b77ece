/** Derived figures: completion, status, growth, rank, sums. All pure. */
export * from './thresholds';
export * from './completion';
export * from './status';
export * from './growth';
export * from './rank';
export * from './aggregate';
export * from './sumCheck';
export * from './progressTable';
