export { redactOptional, redactPersonalData, toHalfWidth } from './redact';
