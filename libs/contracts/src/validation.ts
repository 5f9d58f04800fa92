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

const tolerant = new Map<string, ValidateFunction>();

/**
 * Checks event data as a consumer reads it: fields its contract does not name are ignored, not
 * refused. A release adds optional fields (docs/operations.md), and while it rolls out the
 * previous release's consumers read events the new one published; refused, each would go to
 * the dead-letter topic. Everything the contract names is checked as when publishing.
 */
export function validateConsumedEventData(definition: EventDefinition, data: unknown): ContractViolation[] {
  let validate = tolerant.get(definition.type);
  if (!validate) {
    validate = ajv.compile(withoutClosedObjects(definition.schema) as object);
    tolerant.set(definition.type, validate);
  }
  return validate(data) ? [] : (validate.errors ?? []).map(toViolation);
}

/** The schema with every `additionalProperties: false` left out, at any depth. */
function withoutClosedObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutClosedObjects);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => !(key === 'additionalProperties' && value === false))
      .map(([key, value]) => [key, withoutClosedObjects(value)]),
  );
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
