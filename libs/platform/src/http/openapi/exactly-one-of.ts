import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';

/** By class name, which is also the name of its component schema. */
const registry = new Map<string, SchemaObject>();

/**
 * Adds keywords to a request body's component schema, for rules across its properties that
 * the handler enforces (422 otherwise) and no property decorator can state: `oneOf`, `anyOf`.
 */
export function ApiSchemaKeywords(keywords: Pick<SchemaObject, 'oneOf' | 'anyOf'>): ClassDecorator {
  return (target) => {
    registry.set(target.name, { ...registry.get(target.name), ...keywords });
  };
}

/**
 * Documents that a body carries exactly one of these properties, as `oneOf` of `required`
 * alternatives: a body with none or with two of them matches no single alternative.
 */
export function ApiExactlyOneOf(...properties: string[]): ClassDecorator {
  return ApiSchemaKeywords({ oneOf: properties.map((property) => ({ required: [property] })) });
}

/** Adds the keywords of every decorated class to its component schema. */
export function documentExactlyOneOf(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  return {
    ...document,
    components: {
      ...document.components,
      schemas: Object.fromEntries(
        Object.entries(schemas).map(([name, schema]) => {
          const keywords = registry.get(name);
          return [name, keywords && !('$ref' in schema) ? { ...schema, ...keywords } : schema];
        }),
      ),
    },
  };
}
