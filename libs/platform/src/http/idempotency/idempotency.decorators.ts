import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiHeader, ParameterObject } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, MAX_IDEMPOTENCY_KEY_LENGTH } from './idempotency-key';

export const IDEMPOTENCY_REQUIRED_KEY = 'cs.platform:idempotency-required';

const DESCRIPTION =
  `Client-chosen unique key (1–${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters, bare or as a quoted string) ` +
  'that makes retries safe: a repeat of a completed request returns the stored response with ' +
  '`Idempotency-Replayed: true` instead of running it again, for 24 hours. ' +
  'Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is ' +
  'still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its ' +
  'own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but ' +
  'whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: ' +
  'it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation\'s roles as the first ' +
  'request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 ' +
  '`IDEMPOTENCY.RIGHTS_WITHDRAWN`.';

/**
 * The values `parseIdempotencyKeyHeader` accepts: visible ASCII, as a bare token or as a Structured
 * Field String (`"…"`, with `\"` and `\\` escapes). A value that starts and ends with a quote is
 * read as the quoted form, so one quoted badly (`"a"b"`, `""`) is refused, and the pattern says
 * so: a key the document allows is a key the service takes.
 */
export const IDEMPOTENCY_KEY_PATTERN = '^(?:"(?:[!#-\\[\\]-~]|\\\\["\\\\])+"|[!-~]|[!#-~][!-~]*|"[!-~]*[!#-~])$';

/**
 * The `Idempotency-Key` header as OpenAPI describes it. Every POST honours it, so the document
 * declares it on every POST (see documentIdempotencyKeys); other methods only where required.
 */
export function idempotencyKeyParameter(required: boolean): ParameterObject {
  return {
    name: IDEMPOTENCY_KEY_HEADER,
    in: 'header',
    required,
    description: required ? `${DESCRIPTION} Required: without it the answer is 428 \`IDEMPOTENCY.KEY_REQUIRED\`.` : DESCRIPTION,
    schema: { type: 'string', minLength: 1, maxLength: MAX_IDEMPOTENCY_KEY_LENGTH, pattern: IDEMPOTENCY_KEY_PATTERN },
  };
}

function ApiIdempotencyKey(options: { readonly required: boolean }): MethodDecorator & ClassDecorator {
  const { in: _in, ...header } = idempotencyKeyParameter(options.required);
  return ApiHeader(header);
}

/**
 * Makes `Idempotency-Key` mandatory (428 `IDEMPOTENCY.KEY_REQUIRED` without it) for routes where
 * a duplicate would be costly. Also opts a non-POST route (e.g. PATCH) into idempotency handling.
 */
export function IdempotencyRequired(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(IDEMPOTENCY_REQUIRED_KEY, true), ApiIdempotencyKey({ required: true }));
}
