import type { FastifyRequest } from 'fastify';
import type { Principal } from '@cs/auth';
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

export function accessOf(principal: Principal, request: FastifyRequest, purpose?: string): AccessContext {
  const header = request.headers['x-access-purpose'];
  return {
    principal,
    purpose: purpose ?? decodePurposeHeader(Array.isArray(header) ? header[0] : header),
    requestId: request.id,
  };
}
