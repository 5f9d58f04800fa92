export * from './identifiers';
export * from './provisioning';
export * from './data-source';
export * from './redis';
