import { plainToInstance } from 'class-transformer';
import { validatedClasses } from './openapi/document-validation-rules';

/** A UUID in capitals, as a client may send it. */
const IN_CAPITALS = '3F0B6C1E-8A4D-4A7E-9B61-2F1D7C9E5A10';

export interface UuidField {
  /** `Class.property`. */
  readonly field: string;
  /** Whether the id sent in capitals reaches the handler in lower case. */
  readonly lowerCased: boolean;
}

/**
 * Every property of a loaded request class that class-validator checks as a UUID, and whether a
 * UUID sent in capitals reaches the handler in lower case, read by transforming one: what a
 * `@IsUUID()` without the lower-casing transform passes on as sent, which a new field would.
 */
export function uuidFields(): UuidField[] {
  const fields: UuidField[] = [];
  for (const [target, rules] of validatedClasses()) {
    for (const rule of rules.filter((r) => r.name === 'isUuid')) {
      const sent = rule.each ? [IN_CAPITALS] : IN_CAPITALS;
      const read = (plainToInstance(target as new () => object, { [rule.propertyName]: sent }) as Record<string, unknown>)[rule.propertyName];
      fields.push({ field: `${target.name}.${rule.propertyName}`, lowerCased: JSON.stringify(read) === JSON.stringify(rule.each ? [IN_CAPITALS.toLowerCase()] : IN_CAPITALS.toLowerCase()) });
    }
  }
  return fields;
}
