export * from './infrastructure';
export * from './eventually';
export * from './database';
export * from './service-process';
export * from './http-client';
export * from './infra-control';
export * from './kafka-image';
