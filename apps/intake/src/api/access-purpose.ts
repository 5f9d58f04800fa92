import type { FastifyRequest } from 'fastify';
import type { Principal } from '@cs/auth';
import type { ApiHeaderOptions } from '@nestjs/swagger';
import { ONE_LINE_PATTERN, RequestValidationError, findUnacceptableText } from '@cs/platform';
import type { AccessContext } from '../application/pii-access';

/**
 * HTTP header values arrive as Latin-1, so a purpose typed in Chinese comes either
 * percent-encoded or as UTF-8 bytes read as Latin-1; both are turned back into text.
 */
export function decodePurposeHeader(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (/%[0-9A-Fa-f]{2}/.test(raw)) {
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  const utf8 = Buffer.from(raw, 'latin1').toString('utf8');
  return utf8.includes('\uFFFD') ? raw : utf8;
}

/**
 * A purpose as it goes into the access log: text Postgres takes (no NUL, no unpaired surrogate,
 * as every request text) and one line, without control characters — a decoded %00 was a 500 from
 * the log's insert. Otherwise 400 naming where it came from.
 */
function acceptedPurpose(purpose: string | undefined, field: string): string | undefined {
  if (purpose === undefined) return undefined;
  const unacceptable = findUnacceptableText(purpose, field);
  if (unacceptable) throw new RequestValidationError([unacceptable]);
  if (/\p{Cc}/u.test(purpose)) throw new RequestValidationError([{ field, code: 'rejected', params: { reason: 'a purpose is one line of text, without control characters' } }]);
  return purpose;
}

/** The `X-Access-Purpose` header as the operations that read it document it (the others ignore it). */
export function purposeHeader(description: string): ApiHeaderOptions {
  return { name: 'X-Access-Purpose', required: false, description, schema: { type: 'string', pattern: ONE_LINE_PATTERN } };
}

/** Who reads and why: the purpose given as a parameter, else the header's; each checked when given. */
export function accessOf(principal: Principal, request: FastifyRequest, purpose?: string): AccessContext {
  const header = request.headers['x-access-purpose'];
  const fromHeader = acceptedPurpose(decodePurposeHeader(Array.isArray(header) ? header[0] : header), 'X-Access-Purpose');
  return { principal, purpose: purpose !== undefined ? acceptedPurpose(purpose, 'purpose') : fromHeader, requestId: request.id };
}
