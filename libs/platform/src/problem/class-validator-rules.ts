import { ValidationError, getMetadataStorage } from 'class-validator';
import { FieldParams, FieldRule, FieldViolation, isFieldRule } from './field-rules';

type Constraints = readonly unknown[];

const TYPE_RULES: Readonly<Record<string, string>> = {
  isString: 'string',
  isInt: 'integer',
  isNumber: 'number',
  isBoolean: 'boolean',
  isArray: 'array',
  isObject: 'object',
  nestedValidation: 'object',
  unknownValue: 'object',
};

const FORMATS: Readonly<Record<string, string>> = {
  isUuid: 'uuid',
  isEmail: 'email',
  isIso8601: 'date-time',
  isInstant: 'date-time',
  isCalendarDate: 'date',
  isDateString: 'date-time',
  isUrl: 'url',
};

const number = (value: unknown): number => Number(value);

/** The stable rule a class-validator constraint stands for, with what it was checked against. */
export function ruleOfConstraint(name: string, constraints: Constraints, context?: unknown): { code: FieldRule; params: FieldParams } {
  const type = TYPE_RULES[name];
  if (type) return { code: 'invalid_type', params: { expected: type } };
  const format = FORMATS[name];
  if (format) return { code: 'invalid_format', params: { format } };
  switch (name) {
    case 'isDefined':
    case 'isNotEmpty':
      return { code: 'required', params: {} };
    case 'whitelistValidation':
      return { code: 'unknown_field', params: {} };
    case 'maxLength':
      return { code: 'too_long', params: { max: number(constraints[0]) } };
    case 'minLength':
      return { code: 'too_short', params: { min: number(constraints[0]) } };
    case 'arrayMaxSize':
      return { code: 'too_many', params: { max: number(constraints[0]) } };
    case 'arrayMinSize':
      return { code: 'too_few', params: { min: number(constraints[0]) } };
    case 'max':
      return { code: 'out_of_range', params: { max: number(constraints[0]) } };
    case 'min':
      return { code: 'out_of_range', params: { min: number(constraints[0]) } };
    case 'isIn':
      return { code: 'not_one_of', params: { allowed: allowedValues(constraints[0]) } };
    case 'isEnum':
      return { code: 'not_one_of', params: { allowed: allowedValues(Object.values(constraints[0] ?? {})) } };
    case 'matches':
      return { code: 'invalid_format', params: {} };
    default:
      return ruleOfContext(context);
  }
}

/** A custom rule names its code through the decorator's `context: { rule }` (and may add `params`). */
function ruleOfContext(context: unknown): { code: FieldRule; params: FieldParams } {
  const rule = typeof context === 'object' && context !== null && 'rule' in context ? context.rule : undefined;
  return { code: isFieldRule(rule) ? rule : 'rejected', params: {} };
}

/** Parameters a decorator adds through `context: { params }`, e.g. `{ format: 'cursor' }` on a `@Matches`. */
function contextParams(context: unknown): FieldParams {
  const params = typeof context === 'object' && context !== null && 'params' in context ? context.params : undefined;
  return typeof params === 'object' && params !== null ? (params as FieldParams) : {};
}

function allowedValues(values: unknown): (string | number)[] {
  return Array.isArray(values) ? values.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number') : [];
}

/**
 * One rule on one property as its decorator declared it: its values (`@MaxLength(4000)` → [4000])
 * and its `context`, read from class-validator's metadata because errors carry neither reliably.
 */
function declaredRule(target: object | undefined, property: string, name: string): { constraints: Constraints; context?: unknown } {
  if (!target || typeof target !== 'object' || Array.isArray(target)) return { constraints: [] };
  const rules = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  const rule = rules.find((candidate) => candidate.propertyName === property && candidate.name === name);
  return { constraints: rule?.constraints ?? [], context: rule?.context };
}

/**
 * One field's broken rules, as a UI would show them: a missing value is `required` and nothing
 * else, a value of the wrong type is `invalid_type` and nothing else (its length or format
 * means nothing then), otherwise every rule it breaks.
 */
function violationsOfField(error: ValidationError, field: string): FieldViolation[] {
  const names = Object.keys(error.constraints ?? {});
  if (names.length === 0) return [];
  if (names.includes('whitelistValidation')) return [{ field, code: 'unknown_field', params: {} }];
  const value = error.target && typeof error.target === 'object' ? (error.target as Record<string, unknown>)[error.property] : undefined;
  if (value === undefined || value === null) return [{ field, code: 'required', params: {} }];
  const rules = names.map((name) => {
    const declared = declaredRule(error.target, error.property, name);
    const rule = ruleOfConstraint(name, declared.constraints, declared.context);
    return { ...rule, params: { ...rule.params, ...contextParams(declared.context) } };
  });
  const wrongType = rules.find((rule) => rule.code === 'invalid_type');
  const shown = wrongType ? [wrongType] : rules;
  const unique = shown.filter((rule, index) => shown.findIndex((other) => other.code === rule.code) === index);
  return unique.map((rule) => ({ field, ...rule }));
}

/**
 * Flattens class-validator's nested errors into one violation list with dotted field paths
 * (`customer.phone`, `attachments[0].name`), so one response names every bad field at any depth.
 * Needs the pipe's errors with their targets, where the declared limits are read from.
 */
export function violationsOf(errors: readonly ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    // Array elements are named as everywhere else in our problems (json-walk, domain checks): `attachments[1].name`.
    const field = Array.isArray(error.target) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    return [...violationsOfField(error, field), ...violationsOf(error.children ?? [], field)];
  });
}
