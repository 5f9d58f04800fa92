import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { EventDefinition } from './event-definition';
import { findEventDefinition } from './catalog';

const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const compiled = new Map<string, ValidateFunction>();

export interface ContractViolation {
  readonly path: string;
  readonly message: string;
}

/** Checks event data against its JSON Schema; an empty list means valid. */
export function validateEventData(definition: EventDefinition, data: unknown): ContractViolation[] {
  let validate = compiled.get(definition.type);
  if (!validate) {
    validate = ajv.compile(definition.schema);
    compiled.set(definition.type, validate);
  }
  return validate(data) ? [] : (validate.errors ?? []).map(toViolation);
}

export class UnknownEventTypeError extends Error {
  constructor(readonly eventType: string) {
    super(`unknown event type "${eventType}"`);
    this.name = 'UnknownEventTypeError';
  }
}

export function validateEventOfType(type: string, data: unknown): ContractViolation[] {
  const definition = findEventDefinition(type);
  if (!definition) throw new UnknownEventTypeError(type);
  return validateEventData(definition, data);
}

function toViolation(error: ErrorObject): ContractViolation {
  const extra =
    error.keyword === 'additionalProperties'
      ? `/${String((error.params as { additionalProperty?: string }).additionalProperty)}`
      : error.keyword === 'required'
        ? `/${String((error.params as { missingProperty?: string }).missingProperty)}`
        : '';
  return { path: `${error.instancePath}${extra}` || '/', message: error.message ?? error.keyword };
}
