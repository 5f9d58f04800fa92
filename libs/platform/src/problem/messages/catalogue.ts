import type { FieldParams, FieldRule } from '../field-rules';

/** Puts a broken rule into words; `params` carries the numbers and names the sentence needs. */
export type RuleMessage = (params: FieldParams) => string;

/** One language's words for every rule, and for the problem's summary line. */
export interface MessageCatalogue {
  readonly rules: Readonly<Record<FieldRule, RuleMessage>>;
  /** The `detail` of a validation problem, naming the offending fields. */
  readonly invalidFields: (fields: readonly string[]) => string;
}

/** A list parameter as text, e.g. the allowed values of `not_one_of`. */
export function listOf(value: FieldParams[string] | undefined, separator: string): string {
  return Array.isArray(value) ? value.join(separator) : String(value ?? '');
}
