import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse as parseSecureJson } from 'secure-json-parse';
import type { FieldParams, FieldRule } from '../problem/field-rules';
import { RequestValidationError } from '../problem/request-validation.error';
import { walkJson } from './json-walk';

/** No request of ours nests half as deep; a deeper one is an attack on whatever walks it next. */
export const MAX_JSON_DEPTH = 32;

function invalidBody(field: string, code: FieldRule, params: FieldParams = {}): RequestValidationError {
  return new RequestValidationError([{ field, code, params }]);
}

/**
 * Parses a JSON request body, refusing what fastify's own parser refuses (syntax errors,
 * `__proto__` and `constructor.prototype` members) and documents nested deeper than `maxDepth`.
 * V8's JSON.parse does not recurse, so the depth is measured on the parsed value, where the
 * offending field can be named.
 */
export function parseJsonBody(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (text.trim() === '') throw invalidBody('body', 'required');
  let value: unknown;
  try {
    value = parseSecureJson(text, { protoAction: 'error', constructorAction: 'error' });
  } catch (error: unknown) {
    throw invalidBody('body', 'invalid_json', { reason: syntaxReason(error) });
  }
  for (const node of walkJson(value)) {
    const container = typeof node.value === 'object' && node.value !== null;
    if (container && node.depth >= maxDepth) {
      throw invalidBody(node.path || 'body', 'too_deep', { max: maxDepth });
    }
  }
  return value;
}

/**
 * Replaces the framework's JSON parser with `parseJsonBody`. Going through Nest's
 * `useBodyParser` keeps `request.rawBody` filled when the app is created with `rawBody: true`
 * (webhook signatures cover the bytes as sent).
 */
export function installJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  app.useBodyParser('application/json', { bodyLimit }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body.toString('utf8')));
    } catch (error: unknown) {
      done(error as Error, undefined);
    }
  });
}

/**
 * What was wrong with the JSON, without the body: V8 quotes the text around an unexpected token
 * (`Unexpected token '张', "{"name": 张三, …" is not valid JSON`), and the answer is kept where a
 * replayed Idempotency-Key finds it.
 */
function syntaxReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /^Unexpected token\b/.test(message) ? 'unexpected token' : message;
}
