import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { RequestValidationError } from '../problem/request-validation.error';

/** The first field (dotted path) whose text holds a NUL character, if any. */
export function findNulCharacter(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNulCharacter(item, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findNulCharacter(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Refuses text containing NUL (U+0000): valid JSON, but no Postgres text column can hold it,
 * so it would otherwise surface as a 500 deep inside a transaction.
 */
@Injectable()
export class RejectNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const field = findNulCharacter(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    if (field) throw new RequestValidationError([{ field, message: 'must not contain NUL characters' }]);
    return value;
  }
}
