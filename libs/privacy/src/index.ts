export { codeHoldsPersonalData, placeFieldHoldingPersonalData, redactIdentifiersInFileName, redactOptional, redactPersonalData, toHalfWidth } from './redact';
