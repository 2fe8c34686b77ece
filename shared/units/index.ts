export * from './normalise';
export * from './resolve';
