import { DECORATORS } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { mergeConstraints, schemaConstraints } from './validation-constraints';

export type Constructor = abstract new (...args: never[]) => unknown;

/**
 * class-validator keeps its rules in a map it does not export an iterator for; its shape has
 * been stable across 0.13–0.14, and the unit test of this module fails loudly if it changes.
 */
export function validatedClasses(): Map<Constructor, ValidationMetadata[]> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas?: unknown };
  const rules = storage.validationMetadatas;
  if (!(rules instanceof Map)) throw new Error('class-validator metadata storage has an unexpected shape');
  return rules as Map<Constructor, ValidationMetadata[]>;
}

const SCALARS = new Map<unknown, string>([
  [String, 'string'],
  [Number, 'number'],
  [Boolean, 'boolean'],
]);

/**
 * The JSON type of an array property's elements when they are scalars; element rules of arrays
 * of nested DTOs are already on the nested schema, and Swagger writes `items` itself otherwise.
 */
function scalarElementType(declared: object): string | undefined {
  const { isArray, type } = declared as { isArray?: boolean; type?: unknown };
  if (Array.isArray(type)) return SCALARS.get(type[0]);
  return isArray === true ? SCALARS.get(type) : undefined;
}

/** Element rules that only a string passes, so an untyped array they apply to is an array of strings. */
const STRING_ELEMENT_RULES = new Set(['isString', 'matches', 'minLength', 'maxLength', 'isLength', 'isUuid', 'isEmail', 'isIso8601', 'isInstant', 'isDateString', 'isUrl']);

/** The element type an array's `each` rules imply, for a property declared only as `Array`. */
function elementTypeFromRules(declared: object, rules: readonly ValidationMetadata[]): string | undefined {
  if ((declared as { type?: unknown }).type !== Array) return undefined;
  const each = rules.filter((rule) => rule.each);
  if (each.some((rule) => rule.name === 'isInt')) return 'integer';
  if (each.some((rule) => rule.name === 'isNumber')) return 'number';
  return each.some((rule) => STRING_ELEMENT_RULES.has(rule.name ?? '')) ? 'string' : undefined;
}

/**
 * Writes what each documented DTO property's validation rules accept into its `@ApiProperty`
 * metadata before the OpenAPI document is built, so body schemas and query parameters alike
 * publish the formats, lengths, ranges, patterns and enums the server enforces. Returns the
 * names of the validated classes: their schemas refuse unknown properties, as the pipe does.
 */
export function documentValidationRules(): Set<string> {
  const names = new Set<string>();
  for (const [target, rules] of validatedClasses()) {
    if (typeof target !== 'function') continue;
    names.add(target.name);
    const prototype = target.prototype as object;
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const rule of rules) byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
    for (const [property, propertyRules] of byProperty) {
      const declared = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, property) as object | undefined;
      if (!declared) continue;
      const { items, ...own } = schemaConstraints(propertyRules);
      const element = scalarElementType(declared) ?? elementTypeFromRules(declared, propertyRules);
      const applicable = items && element ? { ...own, items: { type: element, ...items } } : own;
      Reflect.defineMetadata(DECORATORS.API_MODEL_PROPERTIES, mergeConstraints(declared, applicable), prototype, property);
    }
  }
  return names;
}
