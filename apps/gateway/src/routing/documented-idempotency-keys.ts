import type { OpenAPIObject, OperationObject, ParameterObject, PathItemObject, ReferenceObject } from '@nestjs/swagger';
import { ofKnownDocument, pathItemsOf } from './documented-methods';

/** Whether the operation a request reaches reads `Idempotency-Key`. */
export type ReadsIdempotencyKey = (path: string, method: string) => boolean;

function declaresKey(parameters: readonly (ParameterObject | ReferenceObject)[] | undefined): boolean {
  return (parameters ?? []).some((p) => 'in' in p && p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
}

function operationOf(item: PathItemObject, method: string): OperationObject | undefined {
  return item[method.toLowerCase() as 'get' | 'put' | 'post' | 'delete' | 'patch'];
}

/**
 * Whether the document's operation for a request path and method declares the `Idempotency-Key`
 * header, as every service documents each operation whose interceptor reads it (every POST, and a
 * route marked @IdempotencyRequired); undefined when the document has no such operation.
 */
export function documentedIdempotencyKeys(document: OpenAPIObject): (path: string, method: string) => boolean | undefined {
  const itemsOf = pathItemsOf(document);
  return (path, method) => {
    const found = (itemsOf(path) ?? []).flatMap((item) => {
      const operation = operationOf(item, method);
      return operation === undefined ? [] : [declaresKey(item.parameters) || declaresKey(operation.parameters)];
    });
    // Where two templates fit and only one reads the key, a retry under it might reach the other,
    // which would run the write again: only where every fitting operation reads it.
    return found.length === 0 ? undefined : found.every(Boolean);
  };
}

/**
 * Whether a request's operation reads `Idempotency-Key`, from the latest whole-API document
 * `known` gives; where that document does not tell (none yet, or its service did not answer), by
 * what every service's interceptor does: it reads the key on every POST, and on another method
 * only where the route requires it, which only the document says.
 */
export function idempotencyKeysOfKnownDocument(known: () => OpenAPIObject | undefined): ReadsIdempotencyKey {
  const keysOf = ofKnownDocument(known, documentedIdempotencyKeys);
  return (path, method) => keysOf()?.(path, method) ?? method === 'POST';
}
