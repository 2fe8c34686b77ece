/** The year-end summary (年度工作总结): sentences, outline, pre-fill and the document model. Pure. */
export * from './numerals';
export * from './outline';
export * from './sentences';
export * from './prefill';
export * from './document';
export * from './phrasing';
export * from './issuer';
export * from './dates';
