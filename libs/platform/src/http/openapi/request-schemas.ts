import type { OpenAPIObject, ParameterObject, ReferenceObject } from '@nestjs/swagger';
import { isParameter, mapOperations } from './operations';

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
  return !isParameter(parameter) || parameter.in !== 'query' || parameter.required ? parameter : { ...parameter, allowEmptyValue: true };
}

/** Optional query parameters may be sent empty: the validation pipe reads `?name=` as absent. */
export function allowEmptyOptionalQueryValues(document: OpenAPIObject): OpenAPIObject {
  return mapOperations(document, (operation) =>
    operation.parameters ? { ...operation, parameters: operation.parameters.map(allowEmpty) } : operation,
  );
}
