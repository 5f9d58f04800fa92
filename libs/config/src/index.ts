export * from './services';
export * from './service-config';
