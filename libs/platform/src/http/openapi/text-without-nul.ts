import type { OpenAPIObject, ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { isParameter, mapOperations } from './operations';

/** Any text without U+0000, which the server refuses in every field (see RejectNulCharactersPipe). */
export const NO_NUL_PATTERN = '^[^\\u0000]*$';
/** One line of text: no control character (Unicode's Cc), as an access purpose is logged. */
export const ONE_LINE_PATTERN = '^[^\\u0000-\\u001F\\u007F-\\u009F]*$';

type Schema = SchemaObject | ReferenceObject;

/**
 * Free text (a string with no pattern, format or enum of its own) gets NO_NUL_PATTERN; the
 * other keywords already exclude NUL, as every pattern the services write names its characters.
 */
function withoutNul(schema: Schema): Schema {
  if ('$ref' in schema) return schema;
  const result: SchemaObject = { ...schema };
  if (result.type === 'string' && !result.pattern && !result.format && !result.enum) result.pattern = NO_NUL_PATTERN;
  if (result.items) result.items = withoutNul(result.items);
  if (result.properties) {
    result.properties = Object.fromEntries(Object.entries(result.properties).map(([name, p]) => [name, withoutNul(p)]));
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = result[key];
    if (list) result[key] = list.map(withoutNul);
  }
  return result;
}

function parameterWithoutNul(parameter: ParameterObject | ReferenceObject): ParameterObject | ReferenceObject {
  if (!isParameter(parameter) || parameter.in === 'header' || !parameter.schema) return parameter;
  return { ...parameter, schema: withoutNul(parameter.schema) };
}

const REF = '#/components/schemas/';

/** Names of the component schemas a request body uses, directly or through other schemas. */
function requestBodySchemaNames(document: OpenAPIObject): Set<string> {
  const names = new Set<string>();
  const schemas = document.components?.schemas ?? {};
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith(REF)) {
      const name = ref.slice(REF.length);
      if (names.has(name)) return;
      names.add(name);
      visit(schemas[name]);
      return;
    }
    Object.values(value).forEach(visit);
  };
  mapOperations(document, (operation) => {
    visit(operation.requestBody);
    return operation;
  });
  return names;
}

/** Request bodies and path and query parameters say that NUL is refused; responses are left as they are. */
export function documentNulRefusal(document: OpenAPIObject): OpenAPIObject {
  const requestSchemas = requestBodySchemaNames(document);
  const withParameters = mapOperations(document, (operation) =>
    operation.parameters ? { ...operation, parameters: operation.parameters.map(parameterWithoutNul) } : operation,
  );
  const schemas = document.components?.schemas ?? {};
  return {
    ...withParameters,
    components: {
      ...document.components,
      schemas: Object.fromEntries(
        Object.entries(schemas).map(([name, schema]) => [name, requestSchemas.has(name) ? withoutNul(schema) : schema]),
      ),
    },
  };
}
