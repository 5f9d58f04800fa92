export * from './blind-index';
export * from './field-cipher';
export * from './pii-keys';
