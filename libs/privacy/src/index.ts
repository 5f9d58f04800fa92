export { codeHoldsPersonalData, placeFieldHoldingPersonalData, redactOptional, redactPersonalData, toHalfWidth } from './redact';
