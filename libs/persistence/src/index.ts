export * from './identifiers';
export * from './provisioning';
export * from './data-source';
export { QUERY_READ_TIMEOUT } from './read-timeout';
export * from './redis';
export * from './sql-migration';
export * from './project-filter';
export * from './typed-query';
export * from './selected-together';
