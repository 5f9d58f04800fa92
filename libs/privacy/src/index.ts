export { codeFieldHoldingPersonalData, codeHoldsPersonalData, placeFieldHoldingPersonalData, redactIdentifiersInFileName, redactOptional, redactPersonalData, toHalfWidth } from './redact';
export { redactIdentifiersInUrl } from './url';
