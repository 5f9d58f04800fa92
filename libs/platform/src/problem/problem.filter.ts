import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, DomainErrorKind } from '@cs/ddd';
import type { Logger } from '@cs/observability';
import { problemInstance } from '../http/loggable-url';
import { varyAlsoOn } from '../http/vary';
import { LOGGER } from '../tokens';
import { DEPENDENCY_RETRY_AFTER_SECONDS, isDependencyFailure } from './dependency-failure';
import { FieldParams, FieldViolation, isFieldRule } from './field-rules';
import { DEFAULT_MESSAGE_LANGUAGE, MessageLanguage, fieldMessage, invalidFieldsSummary, negotiateLanguage } from './messages';
import { FieldError, PROBLEM_CONTENT_TYPE, ProblemDetails, problem } from './problem-details';
import { RequestValidationError } from './request-validation.error';

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 422,
  not_found: 404,
  conflict: 409,
  gone: 410,
  forbidden: 403,
  precondition_failed: 412,
};

/** The status a business refusal of this kind is answered with, also by a route that answers it with a page of its own. */
export const statusOfKind = (kind: DomainErrorKind): number => STATUS_OF_KIND[kind];

/** Renders every error as RFC 9457 problem+json; internals of unexpected errors never leak. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.answer(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }

  /**
   * Answers a request with its error, in the language it asked for. Also called outside Nest (the
   * gateway's proxy routes), so the answer is the same whoever caught the error.
   */
  answer(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const language = negotiateLanguage(request.headers['accept-language']);
    const instance = problemInstance(request);
    const body = { ...this.toProblem(exception, language), instance, ...(isNoRouteFor(exception, request) ? { detail: `Cannot ${request.method} ${instance}` } : {}) };
    if (body.status === 503) this.logger.warn({ err: exception, reqId: request.id }, 'request refused: a dependency is unavailable');
    else if (body.status >= 500) this.logger.error({ err: exception, reqId: request.id }, 'request failed');
    // A stream already under way (the route wrote its own headers) has no answer left to give.
    if (reply.sent || reply.raw.headersSent) return;
    if (body.status === 503) void reply.header('retry-after', String(DEPENDENCY_RETRY_AFTER_SECONDS));
    this.send(body, language, request, reply);
  }

  /**
   * Sends the problem (a 503's Retry-After is set already) as problem+json; a route that answers
   * people with pages of its own sends it as one of them instead, by overriding this.
   */
  protected send(body: ProblemDetails, language: MessageLanguage, _request: FastifyRequest, reply: FastifyReply): void {
    varyAlsoOn(reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).header('content-language', language), 'Accept-Language').send(body);
  }

  toProblem(exception: unknown, language: MessageLanguage = DEFAULT_MESSAGE_LANGUAGE): ProblemDetails {
    if (exception instanceof RequestValidationError) {
      const fields = [...new Set(exception.errors.map((v) => v.field))];
      return problem(400, exception.code, invalidFieldsSummary(fields, language), {
        errors: exception.errors.map((v) => fieldError(v, language)),
      });
    }
    if (exception instanceof DomainError) {
      const { errors: listed, ...details } = exception.details ?? {};
      const violations = [...(exception.field ? [violationOfDomainError(exception, exception.field)] : []), ...listedViolations(listed)];
      return problem(STATUS_OF_KIND[exception.kind], exception.code, exception.message, {
        ...(violations.length > 0 ? { errors: violations.map((v) => fieldError(v, language)) } : {}),
        ...details,
      });
    }
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    if (isDependencyFailure(exception)) {
      return problem(503, 'DEPENDENCY.UNAVAILABLE', 'a service this request needs is unavailable at the moment; retry after the seconds in Retry-After');
    }
    const status = statusOfFrameworkError(exception);
    // A framework's client error says what was wrong with the request; a server error's text is internals.
    if (status && status < 500) return problem(status, codeOfStatus(status), (exception as Error).message);
    if (status) return problem(status, codeOfStatus(status), 'an unexpected error occurred; it has been logged');
    return problem(500, 'INTERNAL', 'an unexpected error occurred; it has been logged');
  }

  private fromHttpException(exception: HttpException): ProblemDetails {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : typeof response === 'object' && response !== null && 'message' in response
          ? [response.message].flat().join('; ')
          : exception.message;
    const code =
      typeof response === 'object' && response !== null && 'code' in response && typeof response.code === 'string'
        ? response.code
        : codeOfStatus(status);
    return problem(status, code, message);
  }
}

function fieldError(violation: FieldViolation, language: MessageLanguage): FieldError {
  const params = violation.params ?? {};
  return { field: violation.field, code: violation.code, params, message: fieldMessage(violation.code, params, language) };
}

/** A business rule without a published field rule is `rejected`, its reason in the domain's words. */
function violationOfDomainError(error: DomainError, field: string): FieldViolation {
  if (error.rule && isFieldRule(error.rule.code)) return { field, code: error.rule.code, params: error.rule.params ?? {} };
  return { field, code: 'rejected', params: { reason: error.message } };
}

/**
 * Field errors a business rule lists itself (`details.errors`, e.g. every problem of a calendar
 * document), in the same shape as the rest: a published rule where it names one, else `rejected`.
 */
function listedViolations(listed: unknown): FieldViolation[] {
  if (!Array.isArray(listed)) return [];
  return listed.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null || !('field' in entry) || typeof entry.field !== 'string') return [];
    const code = 'code' in entry && isFieldRule(entry.code) ? entry.code : 'rejected';
    const message = 'message' in entry && typeof entry.message === 'string' ? entry.message : undefined;
    const params = 'params' in entry && typeof entry.params === 'object' && entry.params !== null ? (entry.params as FieldParams) : {};
    return [{ field: entry.field, code, params: code === 'rejected' && message ? { reason: message, ...params } : params }];
  });
}

/**
 * Nest's answer to a path no route fits (`Cannot GET <the URL as sent>`): its detail names the
 * path as `instance` does instead, so a credential or personal value in it (a questionnaire link
 * mangled on its way, a phone in the query) is not echoed where problems are copied and logged.
 */
function isNoRouteFor(exception: unknown, request: FastifyRequest): boolean {
  return exception instanceof NotFoundException && exception.message === `Cannot ${request.method} ${request.url}`;
}

function codeOfStatus(status: number): string {
  const name = HttpStatus[status];
  return typeof name === 'string' ? `HTTP.${name}` : `HTTP.${status}`;
}

/** Fastify's own errors (malformed JSON, body too large, wrong content type) carry a statusCode. */
function statusOfFrameworkError(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null || !('statusCode' in exception)) return undefined;
  const status = (exception as { statusCode: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}
