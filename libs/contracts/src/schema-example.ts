/**
 * A value that satisfies a JSON Schema, for the examples of the AsyncAPI document. The document's
 * test validates every example against its schema, so an example can never mislead a subscriber.
 * It covers the keywords the event contracts use; a schema it cannot satisfy throws rather than
 * yield a wrong example.
 */
type Schema = Readonly<Record<string, unknown>>;

/** Sample values for the string patterns the contracts use, keyed by the pattern's source. */
const PATTERN_SAMPLES: Readonly<Record<string, string>> = {
  '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$': '09:00',
  '^\\d{4}-\\d{2}-\\d{2}$': '2026-11-24',
  '^[a-z_]+$': 'repair',
  '^[a-z_]+\\.[a-z_]+$': 'repair.public_area',
  '^TK-\\d{8}-\\d{6,}$': 'TK-20261124-000042',
  '^INC-\\d{8}-\\d{4,}$': 'INC-20261124-0007',
};

const FORMAT_SAMPLES: Readonly<Record<string, string>> = {
  'date-time': '2026-11-24T08:30:00.000Z',
  date: '2026-11-24',
  uuid: '0b6a3c8e-5d1f-4c2a-9e7b-2f4d6a8c0e13',
  email: 'owner@example.com',
  uri: 'https://example.com/hook',
};

export function schemaExample(schema: Schema, path = '#'): unknown {
  if ('const' in schema) return schema['const'];
  const examples = schema['examples'];
  if (Array.isArray(examples) && examples.length > 0) return examples[0];
  if ('default' in schema) return schema['default'];
  if (Array.isArray(schema['enum'])) return schema['enum'][0];
  for (const keyword of ['anyOf', 'oneOf']) {
    const options = schema[keyword];
    if (Array.isArray(options)) return schemaExample(firstNonNull(options as Schema[]), `${path}/${keyword}/0`);
  }
  if (Array.isArray(schema['allOf'])) {
    return Object.assign({}, ...(schema['allOf'] as Schema[]).map((part, i) => schemaExample(part, `${path}/allOf/${i}`)));
  }
  const type = Array.isArray(schema['type']) ? (schema['type'] as string[]).find((t) => t !== 'null') : schema['type'];
  switch (type) {
    case 'object':
      return objectExample(schema, path);
    case 'array': {
      // A tuple (`items` as a list) has one example per position.
      if (Array.isArray(schema['items'])) return (schema['items'] as Schema[]).map((item, i) => schemaExample(item, `${path}/items/${i}`));
      const count = typeof schema['minItems'] === 'number' ? Math.max(1, schema['minItems']) : 1;
      const items = (schema['items'] ?? {}) as Schema;
      return Array.from({ length: count }, () => schemaExample(items, `${path}/items`));
    }
    case 'string':
      return stringExample(schema, path);
    case 'integer':
    case 'number':
      return typeof schema['minimum'] === 'number' ? Math.max(schema['minimum'], 1) : 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      throw new Error(`no example for the schema at ${path}`);
  }
}

function firstNonNull(options: Schema[]): Schema {
  return options.find((o) => o['type'] !== 'null') ?? options[0] ?? {};
}

/** Every property, optional ones included, so the example shows the whole shape. */
function objectExample(schema: Schema, path: string): Record<string, unknown> {
  const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
  return Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, schemaExample(property, `${path}/properties/${name}`)]));
}

function stringExample(schema: Schema, path: string): string {
  const pattern = schema['pattern'];
  if (typeof pattern === 'string') {
    const sample = PATTERN_SAMPLES[pattern];
    if (sample === undefined) throw new Error(`no sample for the pattern ${pattern} at ${path}: add one to PATTERN_SAMPLES`);
    return sample;
  }
  const format = schema['format'];
  if (typeof format === 'string') {
    const sample = FORMAT_SAMPLES[format];
    if (sample === undefined) throw new Error(`no sample for the format ${format} at ${path}`);
    return sample;
  }
  const minLength = typeof schema['minLength'] === 'number' ? schema['minLength'] : 1;
  const maxLength = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : Infinity;
  const text = 'example'.padEnd(minLength, 'x');
  return text.slice(0, Math.max(minLength, Math.min(text.length, maxLength)));
}
