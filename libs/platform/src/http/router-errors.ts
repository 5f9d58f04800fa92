import { HttpException, NotFoundException } from '@nestjs/common';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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

/** What the router refused (a path parameter past its limit, a malformed URL), as the problem it is answered with. */
function refusalOf(error: FastifyError): { status: number; code: string; detail: string } {
  const known = CODES[error.code];
  const status = known?.status ?? (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400);
  return { status, code: known?.code ?? 'REQUEST.INVALID', detail: known?.detail ?? 'the request could not be routed' };
}

/**
 * Answers a refusal of the router (before any route ran, or no route fitting the path) as the
 * exception an exception filter answers: a ProblemDetailsFilter's `answer`, or one that answers
 * people with pages.
 */
export type RouterRefusalAnswer = (refusal: HttpException, request: FastifyRequest, reply: FastifyReply) => void;

/** The path prefixes whose router refusals a service answers itself, by server. */
const answeredUnder = new WeakMap<FastifyInstance, { readonly prefix: string; readonly answer: RouterRefusalAnswer }[]>();

/** A prefix matches whole path segments: `/v1/questionnaires` holds `/v1/questionnaires/x`, not `/v1/questionnairesx`. */
function under(url: string, prefix: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * What the router refuses under `prefix` (a path parameter past its limit, a malformed
 * percent-escape, a path no route of the prefix fits) is answered by `answer`, as the route's
 * own refusals are, instead of as problem+json for every service alike. The server must be one
 * `serviceHttpAdapter` built (its `frameworkErrors` looks the prefix up), not yet ready.
 */
export function answerRouterRefusalsUnder(fastify: FastifyInstance, prefix: string, answer: RouterRefusalAnswer): void {
  answeredUnder.set(fastify, [...(answeredUnder.get(fastify) ?? []), { prefix, answer }]);
  // A not-found handler of the prefix's own context: the service's own (Nest's) keeps every other path.
  void fastify.register(
    async (scope) => {
      scope.setNotFoundHandler((request, reply) => answer(new NotFoundException(`Cannot ${request.method} ${problemInstance(request)}`), request, reply));
    },
    { prefix },
  );
}

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route runs (a path
 * parameter past the router's limit, a malformed URL) is answered as problem+json like every
 * other error, not as Fastify's own JSON; under a prefix a service answers itself
 * (answerRouterRefusalsUnder), as that service answers it.
 */
export function routerErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { status, code, detail } = refusalOf(error);
  const own = answeredUnder.get(request.server)?.find(({ prefix }) => under(request.url, prefix));
  if (own) {
    own.answer(new HttpException({ code, message: detail }, status), request, reply);
    return;
  }
  void reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE).send({ ...problem(status, code, detail), instance: problemInstance(request) });
}
