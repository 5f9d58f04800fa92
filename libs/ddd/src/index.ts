export * from './domain-error';
export * from './optional-props';
