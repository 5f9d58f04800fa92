import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problem } from '../problem/problem-details';
import { problemInstance } from './loggable-url';

/**
 * The longest path parameter the router hands to a route. It is above every `maxLength` an
 * operation documents for a path parameter (the questionnaire token's 400 is the longest), so
 * a parameter up to its documented length reaches the route's own validation, which answers
 * 400 naming it; past this the router answers 414 itself.
 */
export const MAX_PATH_PARAM_LENGTH = 1024;

const CODES: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'REQUEST.PATH_TOO_LONG', detail: `a path parameter is longer than ${MAX_PATH_PARAM_LENGTH} characters` },
  FST_ERR_BAD_URL: { status: 400, code: 'REQUEST.BAD_URL', detail: 'the path is not a valid URL component' },
};

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route runs (a path
 * parameter past the router's limit, a malformed URL) is answered as problem+json like every
 * other error, not as Fastify's own JSON.
 */
export function routerErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = CODES[error.code];
  const status = known?.status ?? (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400);
  const body = { ...problem(status, known?.code ?? 'REQUEST.INVALID', known?.detail ?? 'the request could not be routed'), instance: problemInstance(request) };
  void reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}
