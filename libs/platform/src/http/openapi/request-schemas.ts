import type { OpenAPIObject, ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { presentProps } from '@cs/ddd';
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
  if (!isParameter(parameter) || parameter.in !== 'query') return parameter;
  // A query string has no null; the DTO's optional properties say `nullable` for JSON bodies.
  const schema = parameter.schema && !('$ref' in parameter.schema) ? withoutNullable(parameter.schema) : parameter.schema;
  return { ...parameter, ...presentProps({ schema }), ...(parameter.required ? {} : { allowEmptyValue: true }) };
}

function withoutNullable(schema: SchemaObject): SchemaObject {
  const { nullable: _nullable, ...rest } = schema;
  return rest;
}

/** Optional query parameters may be sent empty: the validation pipe reads `?name=` as absent. */
export function allowEmptyOptionalQueryValues(document: OpenAPIObject): OpenAPIObject {
  return mapOperations(document, (operation) =>
    operation.parameters ? { ...operation, parameters: operation.parameters.map(allowEmpty) } : operation,
  );
}

/**
 * A validated body whose every property is optional may be left out: the pipe validates the
 * absent body as an empty object. Nest's explorer marks every `@Body()` required.
 */
export function optionalBodiesWithoutRequiredProperties(document: OpenAPIObject, requestClassNames: ReadonlySet<string>): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  return mapOperations(document, (operation) => {
    const body = operation.requestBody;
    if (!body || '$ref' in body) return operation;
    const schema = body.content['application/json']?.schema;
    const ref = schema && '$ref' in schema ? schema.$ref.replace('#/components/schemas/', '') : undefined;
    const target = ref && requestClassNames.has(ref) ? schemas[ref] : undefined;
    if (!target || '$ref' in target || target.type !== 'object' || (target.required?.length ?? 0) > 0) return operation;
    return { ...operation, requestBody: { ...body, required: false } };
  });
}
