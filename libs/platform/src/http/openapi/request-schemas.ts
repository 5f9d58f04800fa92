import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject } from '@nestjs/swagger';

/** The request DTOs' schemas refuse unknown properties, as the validation pipe does. */
export function closeRequestSchemas(document: OpenAPIObject, requestClassNames: ReadonlySet<string>): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  return {
    ...document,
    components: {
      ...document.components,
      schemas: Object.fromEntries(
        Object.entries(schemas).map(([name, schema]) => [
          name,
          requestClassNames.has(name) && 'properties' in schema ? { ...schema, additionalProperties: false } : schema,
        ]),
      ),
    },
  };
}

function allowEmpty(parameter: ParameterObject | ReferenceObject): ParameterObject | ReferenceObject {
  return '$ref' in parameter || parameter.in !== 'query' || parameter.required ? parameter : { ...parameter, allowEmptyValue: true };
}

/** Optional query parameters may be sent empty: the validation pipe reads `?name=` as absent. */
export function allowEmptyOptionalQueryValues(document: OpenAPIObject): OpenAPIObject {
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => {
      const updated = { ...item };
      for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
        const operation: OperationObject | undefined = item[method];
        if (operation?.parameters) updated[method] = { ...operation, parameters: operation.parameters.map(allowEmpty) };
      }
      return [path, updated];
    }),
  );
  return { ...document, paths };
}
