import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import type { FieldError } from '../problem/problem-details';
import { RequestValidationError } from '../problem/request-validation.error';
import { walkJson } from './json-walk';

/**
 * Why a piece of text cannot be taken in, if it cannot. Both are valid JSON (`\u0000`,
 * `\ud800`) but no Postgres text column holds NUL, and an unpaired surrogate is not Unicode
 * at all; either would otherwise surface as a 500 deep inside a transaction.
 */
function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (!text.isWellFormed()) return 'must not contain unpaired surrogates (not valid Unicode text)';
  return undefined;
}

/** The first string or member name that cannot be taken in, named by its field path. */
export function findUnacceptableText(value: unknown, rootPath = ''): FieldError | undefined {
  for (const { path, value: item, key } of walkJson(value, rootPath)) {
    const message = (key === undefined ? undefined : textProblem(key)) ?? (typeof item === 'string' ? textProblem(item) : undefined);
    if (message) return { field: path || 'body', message };
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
