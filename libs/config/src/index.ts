export * from './services';
export * from './environment';
export * from './service-config';
export * from './cors-policy';
export * from './gateway-config';
