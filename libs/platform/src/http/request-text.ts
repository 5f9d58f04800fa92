import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import type { FieldViolation } from '../problem/field-rules';
import { RequestValidationError } from '../problem/request-validation.error';
import { walkJson } from './json-walk';

/**
 * Why a piece of text cannot be taken in, if it cannot. Both are valid JSON (`\u0000`,
 * `\ud800`) but no Postgres text column holds NUL, and an unpaired surrogate is not Unicode
 * at all; either would otherwise surface as a 500 deep inside a transaction.
 */
function unacceptable(text: string): boolean {
  return text.includes('\u0000') || !text.isWellFormed();
}

/** The first string or member name that cannot be taken in, named by its field path. */
export function findUnacceptableText(value: unknown, rootPath = ''): FieldViolation | undefined {
  for (const { path, value: item, key } of walkJson(value, rootPath)) {
    if ((key !== undefined && unacceptable(key)) || (typeof item === 'string' && unacceptable(item))) {
      return { field: path || 'body', code: 'invalid_text', params: {} };
    }
  }
  return undefined;
}

/** Refuses request text (body, query, path parameters) that holds NUL or unpaired surrogates. */
@Injectable()
export class RejectUnacceptableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const found = findUnacceptableText(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    if (found) throw new RequestValidationError([found]);
    return value;
  }
}
