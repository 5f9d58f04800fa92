export * from './domain-error';
export * from './optional-props';
export * from './characters';
