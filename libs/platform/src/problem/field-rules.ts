/**
 * The rules a request field can break, as stable codes a UI branches on and translates. The
 * words of each message live in `messages/`; a code never changes meaning once published.
 */
export const FIELD_RULES = [
  'required',
  'too_long',
  'too_short',
  'too_many',
  'too_few',
  'invalid_format',
  'invalid_phone',
  'not_one_of',
  'out_of_range',
  'invalid_type',
  'unknown_field',
  'unknown_reference',
  'exactly_one_of',
  'invalid_text',
  'too_deep',
  'invalid_json',
  'rejected',
] as const;
export type FieldRule = (typeof FIELD_RULES)[number];

/** What a rule was checked against, e.g. `{ max: 4000 }`; values are JSON. */
export type FieldParams = Readonly<Record<string, string | number | boolean | readonly (string | number)[]>>;

/** A broken rule on a request field, before it is put into words. */
export interface FieldViolation {
  /** Dotted path of the offending field in the request, e.g. `customer.phone`, `attachments[0].name`. */
  readonly field: string;
  readonly code: FieldRule;
  readonly params?: FieldParams;
}

export function isFieldRule(value: unknown): value is FieldRule {
  return typeof value === 'string' && (FIELD_RULES as readonly string[]).includes(value);
}
