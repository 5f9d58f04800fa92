import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject } from '@nestjs/swagger';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A copy of the document with each operation replaced by what `change` makes of it. */
export function mapOperations(
  document: OpenAPIObject,
  change: (operation: OperationObject, path: string, method: HttpMethod) => OperationObject,
): OpenAPIObject {
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => {
      const updated = { ...item };
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (operation) updated[method] = change(operation, path, method);
      }
      return [path, updated];
    }),
  );
  return { ...document, paths };
}

export function isParameter(parameter: ParameterObject | ReferenceObject): parameter is ParameterObject {
  return !('$ref' in parameter);
}
