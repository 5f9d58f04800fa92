import type { OpenAPIObject } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotency-key';
import { idempotencyKeyParameter } from '../idempotency/idempotency.decorators';
import { isParameter, mapOperations } from './operations';

/**
 * The idempotency interceptor honours `Idempotency-Key` on every POST, so every POST declares
 * it (optional) unless the route already requires it with @IdempotencyRequired().
 */
export function documentIdempotencyKeys(document: OpenAPIObject): OpenAPIObject {
  return mapOperations(document, (operation, _path, method) => {
    const parameters = operation.parameters ?? [];
    const declared = parameters.some((p) => isParameter(p) && p.in === 'header' && p.name.toLowerCase() === IDEMPOTENCY_KEY_HEADER.toLowerCase());
    if (method !== 'post' || declared) return operation;
    return { ...operation, parameters: [...parameters, idempotencyKeyParameter(false)] };
  });
}
