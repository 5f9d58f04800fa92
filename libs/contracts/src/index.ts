export * from './topics';
export * from './event-definition';
export * from './events/common';
export * from './events/intake';
export * from './events/tickets';
export * from './catalog';
export * from './validation';
export * from './asyncapi';
