/**
 * The OpenAPI keywords that say what a property's class-validator rules accept, so the
 * published schema refuses what the server refuses and clients generated from it (and API
 * fuzzers) send what the server takes.
 */
export interface PropertyRule {
  /** class-validator's rule name, e.g. `maxLength`, `isUuid`, `isIn`. */
  readonly name?: string;
  readonly constraints?: readonly unknown[];
  /** Applies to each element of an array rather than to the array. */
  readonly each?: boolean;
}

export interface SchemaConstraints {
  type?: string;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  nullable?: boolean;
  items?: SchemaConstraints;
}

type Keyword = Omit<SchemaConstraints, 'items'>;

const FORMATS: Record<string, string> = {
  isUuid: 'uuid',
  isEmail: 'email',
  isUrl: 'uri',
};

/**
 * The strict ISO 8601 check compares the year it parsed with the one `Date` reads back, which
 * differ below year 100 ("21-04-09" is 2021), so only years from 0100 pass.
 */
const ISO_8601: Keyword = { format: 'date-time', pattern: '^(?:[1-9]\\d{3}|0[1-9]\\d{2})-' };
/** A calendar date a business calendar counts: the years 1900 to 9999 (`IsCalendarDate`). */
const CALENDAR_DATE: Keyword = { format: 'date', pattern: '^(?:19|[2-9]\\d)\\d{2}-' };

function numberAt(constraints: readonly unknown[] | undefined, index: number): number | undefined {
  const value = constraints?.[index];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A JavaScript pattern is publishable only when its flags do not change what it matches. */
function patternOf(constraint: unknown): string | undefined {
  if (typeof constraint === 'string') return constraint;
  if (constraint instanceof RegExp && /^u?$/.test(constraint.flags)) return constraint.source;
  return undefined;
}

function keywordOf(rule: PropertyRule): Keyword {
  const name = rule.name ?? '';
  const format = FORMATS[name];
  if (format) return { format };
  if (name === 'isIso8601' || name === 'isInstant' || name === 'isDateString') return ISO_8601;
  if (name === 'isCalendarDate') return CALENDAR_DATE;
  const [first] = rule.constraints ?? [];
  switch (name) {
    case 'minLength':
      return { minLength: numberAt(rule.constraints, 0) };
    case 'maxLength':
      return { maxLength: numberAt(rule.constraints, 0) };
    case 'isLength':
      return { minLength: numberAt(rule.constraints, 0), maxLength: numberAt(rule.constraints, 1) };
    case 'min':
      return { minimum: numberAt(rule.constraints, 0) };
    case 'max':
      return { maximum: numberAt(rule.constraints, 0) };
    case 'arrayMinSize':
      return { minItems: numberAt(rule.constraints, 0) };
    case 'arrayMaxSize':
      return { maxItems: numberAt(rule.constraints, 0) };
    case 'isIn':
      return Array.isArray(first) ? { enum: [...(first as unknown[])] } : {};
    case 'matches':
      return { pattern: patternOf(first) };
    case 'isInt':
      return { type: 'integer' };
    case 'isBoolean':
      return { type: 'boolean' };
    // The pipe skips every rule of an optional property that is null, so null is accepted.
    case 'isOptional':
      return { nullable: true };
    default:
      return {};
  }
}

function defined(keyword: Keyword): Keyword {
  return Object.fromEntries(Object.entries(keyword).filter(([, value]) => value !== undefined)) as Keyword;
}

/** Folds a property's rules into schema keywords; element rules go under `items`. */
export function schemaConstraints(rules: readonly PropertyRule[]): SchemaConstraints {
  let own: Keyword = {};
  let items: Keyword = {};
  for (const rule of rules) {
    const keyword = defined(keywordOf(rule));
    if (rule.each) items = { ...items, ...keyword };
    else own = { ...own, ...keyword };
  }
  return Object.keys(items).length > 0 ? { ...own, items } : own;
}

/**
 * Keywords a developer wrote in `@ApiProperty` win over the derived ones, so a documented
 * narrower example or wider description is never overwritten.
 */
export function mergeConstraints<T extends object>(declared: T, derived: SchemaConstraints): T & SchemaConstraints {
  const declaredItems = (declared as { items?: object }).items;
  const merged: T & SchemaConstraints = { ...derived, ...declared };
  // `@IsInt` narrows a property TypeScript only knows as `number`.
  const declaredType = (declared as { type?: unknown }).type;
  if (derived.type === 'integer' && (declaredType === Number || declaredType === 'number')) merged.type = 'integer';
  if (derived.items && (declaredItems === undefined || typeof declaredItems === 'object')) {
    merged.items = { ...derived.items, ...(declaredItems ?? {}) };
  }
  // OpenAPI 3.0: `nullable` does not widen an `enum`; null must be one of its values.
  if (merged.nullable && Array.isArray(merged.enum) && !merged.enum.includes(null)) merged.enum = [...merged.enum, null];
  return merged;
}
