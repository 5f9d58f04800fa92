import { ValidationTypes, getMetadataStorage } from 'class-validator';
import type { FieldViolation } from '../problem/field-rules';

/**
 * Texts a request carries within their `@MaxLength` that are longer in characters as JSON Schema
 * counts them (code points), which is how the event contracts and the OpenAPI document count.
 * class-validator's `@MaxLength` leaves out variation selectors (the U+FE0F of "❤️"), so a text
 * it let through could fail the contract when its event was written: a 500 instead of a 400
 * naming the field. Read from the decorators already declared, at any depth of nested request
 * objects, so every DTO counts as the contracts do without a second decorator beside each limit.
 */
export function overrunsInCharacters(value: unknown, parent = ''): FieldViolation[] {
  if (Array.isArray(value)) return value.flatMap((element, i) => overrunsInCharacters(element, `${parent}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  // By its prototype, not its own `constructor` property, which a JSON body may set (`{"constructor": null}`).
  const type: unknown = (Object.getPrototypeOf(value) as { constructor?: unknown } | null)?.constructor;
  if (typeof type !== 'function' || type === Object) return [];
  const record = value as Record<string, unknown>;
  const rules = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
  const own = rules.flatMap((rule) => (rule.name === 'maxLength' && applies(rules, rule, record) ? overrun(rule, record, parent) : []));
  const nested = Object.entries(record).flatMap(([property, child]) => overrunsInCharacters(child, parent ? `${parent}.${property}` : property));
  return [...own, ...nested];
}

/** One declared rule, as class-validator's metadata storage keeps it (its type is not exported by name). */
type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** A rule applies unless a `@ValidateIf` on its property says otherwise, as class-validator decides. */
function applies(rules: readonly ValidationMetadata[], rule: ValidationMetadata, record: Record<string, unknown>): boolean {
  return rules
    .filter((r) => r.type === ValidationTypes.CONDITIONAL_VALIDATION && r.propertyName === rule.propertyName)
    .every((r) => (r.constraints[0] as (object: object, value: unknown) => boolean)(record, record[rule.propertyName]));
}

function overrun(rule: ValidationMetadata, record: Record<string, unknown>, parent: string): FieldViolation[] {
  const max = Number(rule.constraints[0]);
  const value = record[rule.propertyName];
  const texts = rule.each && Array.isArray(value) ? value : [value];
  const tooLong = texts.some((text) => typeof text === 'string' && Array.from(text).length > max);
  if (!tooLong) return [];
  return [{ field: parent ? `${parent}.${rule.propertyName}` : rule.propertyName, code: 'too_long', params: { max } }];
}
