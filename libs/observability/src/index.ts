export * from './trace-context';
export * from './logger';
export * from './metrics';
export * from './metrics-text';
