export * from './services';
export * from './environment';
export * from './service-config';
