export * from './blind-index';
export * from './field-cipher';
export * from './pii-keys';
export * from './key-ring-replicas';
export * from './replicas-on-key';
