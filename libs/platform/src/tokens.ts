/** Injection tokens of what the platform module provides to a service. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const LOGGER = Symbol('LOGGER');
export const METRICS = Symbol('METRICS');
export const REDIS = Symbol('REDIS');
export const KAFKA = Symbol('KAFKA');
export const RECORD_PUBLISHER = Symbol('RECORD_PUBLISHER');
export const OUTBOX = Symbol('OUTBOX');
