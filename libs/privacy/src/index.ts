export { codeHoldsPersonalData, redactOptional, redactPersonalData, toHalfWidth } from './redact';
