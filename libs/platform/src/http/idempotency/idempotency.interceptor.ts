import {
  CallHandler,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  NestInterceptor,
  Optional,
  StreamableFile,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, catchError, finalize, from, mergeMap, of, takeLast, throwError } from 'rxjs';
import { getPrincipal } from '@cs/auth';
import { DomainError } from '@cs/ddd';
import type { Logger } from '@cs/observability';
import { negotiateLanguage } from '../../problem/messages';
import { PROBLEM_CONTENT_TYPE } from '../../problem/problem-details';
import { ProblemDetailsFilter } from '../../problem/problem.filter';
import { problemInstance } from '../loggable-url';
import { RequestValidationError } from '../../problem/request-validation.error';
import { LOGGER } from '../../tokens';
import { varyAlsoOn } from '../vary';
import { IDEMPOTENCY_REQUIRED_KEY } from './idempotency.decorators';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_REPLAYED_HEADER,
  IdempotencyScope,
  parseIdempotencyKeyHeader,
  requestFingerprint,
} from './idempotency-key';
import { IDEMPOTENCY_OPTIONS, IdempotencyOptions, committedKeyLifetimeMs, resolveIdempotencyOptions } from './idempotency.options';
import { grantsOf, holdsGrants } from './idempotency-grants';
import { CommittedKey, IdempotencyCommitLog, alreadyApplied } from './idempotency-commit-log';
import { IdempotencyEntry, StoredResponse, openEntry, sealEntry } from './idempotency-record';
import { IdempotencySlot, idempotencySlot } from './idempotency-slot';
import { IdempotencyStore, Reservation, ReserveOutcome } from './idempotency.store';
import { IdempotentAttempt, beginAttempt } from './idempotent-attempt';

/**
 * Response headers worth replaying: the rest (request id, trace) belong to each exchange. The
 * ETag above all: without it a client whose first answer was lost sends its next command
 * with no If-Match, or a stale one.
 */
const REPLAYED_HEADERS = ['location', 'content-type', 'etag', 'content-language', 'vary', 'cache-control'] as const;

interface Attempt {
  readonly reservation: Reservation;
  readonly fingerprint: string;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  /** Whether its command committed, and under which attempt id: where the answer goes in Postgres. */
  readonly idempotent: Readonly<IdempotentAttempt>;
}

/**
 * Idempotency-Key handling (draft-ietf-httpapi-idempotency-key-header) for every POST that sends
 * the header and every route marked @IdempotencyRequired(), put on those routes by
 * attachRouteInterceptors. An interceptor runs after the guards, so the principal that scopes the
 * key is known.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly problems: ProblemDetailsFilter;
  /** How far back a recorded commit still answers for its key, as long as its Redis record lives. */
  private readonly committedLifetimeMs: number;

  constructor(
    private readonly reflector: Reflector,
    private readonly store: IdempotencyStore,
    @Inject(IDEMPOTENCY_OPTIONS) private readonly options: IdempotencyOptions,
    @Inject(LOGGER) private readonly logger: Logger,
    // Absent where no database is (the gateway, a test of Redis alone): Redis is then the only record.
    @Optional() private readonly commits?: IdempotencyCommitLog,
  ) {
    // Thrown errors are rendered by the exception filter only after this interceptor is done;
    // rendering them here the same way is what makes a replayed 4xx identical to the original.
    this.problems = new ProblemDetailsFilter(logger);
    this.committedLifetimeMs = committedKeyLifetimeMs(resolveIdempotencyOptions(options));
  }

  /** The commit recorded under `digest` within the key's lifetime, if any. */
  private committedUnder(commits: IdempotencyCommitLog, digest: string): Promise<CommittedKey | undefined> {
    return commits.committed(digest, new Date(Date.now() - this.committedLifetimeMs));
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    // Message handlers in hybrid apps have their own deduplication (the inbox).
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const required =
      this.reflector.getAllAndOverride<boolean | undefined>(IDEMPOTENCY_REQUIRED_KEY, [context.getHandler(), context.getClass()]) ===
      true;
    if (!required && request.method !== 'POST') return next.handle();

    const header = parseIdempotencyKeyHeader(request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()]);
    if (header.kind === 'absent') {
      if (!required) return next.handle();
      throw new HttpException(
        { code: 'IDEMPOTENCY.KEY_REQUIRED', message: `this operation requires an ${IDEMPOTENCY_KEY_HEADER} header` },
        HttpStatus.PRECONDITION_REQUIRED,
      );
    }
    if (header.kind === 'invalid') {
      throw new RequestValidationError([{ field: IDEMPOTENCY_KEY_HEADER, code: header.rule, params: header.params ?? {} }]);
    }

    const fingerprint = requestFingerprint(request.method, request.url, request.body, request.headers);
    const slot = idempotencySlot(this.options.service, scopeOf(request), header.key);
    const outcome = await this.reserve(slot, fingerprint);
    if (outcome.kind === 'existing') return this.answerFromEntry(outcome.entry, fingerprint, request, reply);
    const committed = await this.answerFromCommit(outcome.reservation, fingerprint, request, reply);
    if (committed !== undefined) return committed;

    // The handler's transactions record the key as they commit, which a retry finds when Redis no longer can (ADR 0070).
    const handling = beginAttempt(slot.digest, () => next.handle());
    const attempt: Attempt = { reservation: outcome.reservation, fingerprint, request, reply, idempotent: handling.attempt };
    return handling.started.pipe(
      finalize(handling.close),
      catchError((error: unknown) => from(this.settleFailure(attempt, error)).pipe(mergeMap(() => throwError(() => error)))),
      // An HTTP response is the handler's last value; storing each emission would race with itself.
      takeLast(1),
      // Stored before the response goes out, so an immediate retry is replayed rather than refused as in progress.
      mergeMap(async (value: unknown) => {
        await this.settleSuccess(attempt, value);
        return value;
      }),
    );
  }

  private async reserve(slot: IdempotencySlot, fingerprint: string): Promise<ReserveOutcome> {
    try {
      return await this.store.reserve(slot, fingerprint);
    } catch (error: unknown) {
      // Fail closed: running a request whose key cannot be checked risks a duplicate, which is
      // worse for the client than retrying later. Requests without the header never get here.
      throw new HttpException(
        { code: 'IDEMPOTENCY.UNAVAILABLE', message: 'idempotency keys cannot be checked at the moment; retry later' },
        HttpStatus.SERVICE_UNAVAILABLE,
        { cause: error },
      );
    }
  }

  /**
   * Redis holds no record of the key (it never did, lost it, or freed it after a 5xx): whether a
   * command committed under it, by one indexed read, before any command of this request runs. Its
   * answer is replayed as Redis would; a row without one is 409 (ADR 0160). Undefined when none
   * committed: the reservation stands and the handler runs.
   */
  private async answerFromCommit(
    reservation: Reservation,
    fingerprint: string,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<Observable<unknown> | undefined> {
    if (!this.commits) return undefined;
    const { slot } = reservation;
    let committed: CommittedKey | undefined;
    try {
      committed = await this.committedUnder(this.commits, slot.digest);
    } catch (error: unknown) {
      await this.releaseQuietly(reservation);
      throw error;
    }
    if (committed === undefined) return undefined;
    // Postgres holds the answer from now on; a retry after this one reads it there again.
    await this.releaseQuietly(reservation);
    const entry = committed.answer === undefined ? undefined : this.openCommitted(slot, committed.answer);
    if (entry === undefined) throw alreadyApplied();
    return this.answerFromEntry(entry, fingerprint, request, reply);
  }

  /** A row's sealed answer, or undefined when it cannot be opened (the row then counts as one without an answer). */
  private openCommitted(slot: IdempotencySlot, sealed: string): IdempotencyEntry | undefined {
    try {
      const entry = openEntry(slot, sealed);
      return entry.state === 'completed' ? entry : undefined;
    } catch (error: unknown) {
      // Neither the key nor the answer is logged: the error names neither.
      this.logger.warn({ err: error }, 'a committed idempotency answer could not be opened; the retry is refused as already applied');
      return undefined;
    }
  }

  private answerFromEntry(entry: IdempotencyEntry, fingerprint: string, request: FastifyRequest, reply: FastifyReply): Observable<unknown> {
    if (entry.fingerprint !== fingerprint) {
      throw new DomainError(
        'IDEMPOTENCY.KEY_REUSED',
        'invalid',
        `this ${IDEMPOTENCY_KEY_HEADER} was already used for a different request`,
        IDEMPOTENCY_KEY_HEADER,
      );
    }
    if (entry.state === 'in_progress') {
      throw new DomainError(
        'IDEMPOTENCY.IN_PROGRESS',
        'conflict',
        `a request with this ${IDEMPOTENCY_KEY_HEADER} is still being processed; retry once it has completed`,
      );
    }
    // The route's guards ran on this request; what its handler judged of the caller's rights did not.
    const principal = getPrincipal(request);
    if (entry.grants !== undefined && principal !== undefined && !holdsGrants(grantsOf(principal), entry.grants)) {
      throw new DomainError(
        'IDEMPOTENCY.RIGHTS_WITHDRAWN',
        'forbidden',
        `the answer to this ${IDEMPOTENCY_KEY_HEADER} was given under rights you no longer hold (a project, role or permission); read the result under your current rights, or send a new key`,
      );
    }
    const { response } = entry;
    void reply.status(response.status).header(IDEMPOTENCY_REPLAYED_HEADER, 'true');
    // The stored Vary is the handler's; this request's own (Origin, from CORS) is kept beside it.
    for (const [name, value] of Object.entries(response.headers)) void (name === 'vary' ? varyAlsoOn(reply, ...value.split(',').map((f) => f.trim())) : reply.header(name, value));
    return of(response.body);
  }

  private async settleSuccess(attempt: Attempt, value: unknown): Promise<void> {
    const { reply } = attempt;
    const status = reply.statusCode;
    if (reply.sent || !isReplayable(value)) {
      // A handler that writes the response itself (@Res()) or streams it leaves nothing to replay;
      // freeing the key lets a retry run rather than replay something wrong.
      this.logger.warn(
        { reqId: attempt.request.id, route: attempt.request.routeOptions.url },
        'idempotent route produced a response that cannot be replayed',
      );
      await this.releaseQuietly(attempt.reservation, attempt.request);
      return;
    }
    if (!isFinal(status)) {
      await this.releaseQuietly(attempt.reservation, attempt.request);
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const header = reply.getHeader(name);
      if (typeof header === 'string' || typeof header === 'number') headers[name] = String(header);
    }
    await this.keep(attempt, { status, ...(value === undefined ? {} : { body: value }), headers });
  }

  private async settleFailure(attempt: Attempt, error: unknown): Promise<void> {
    const language = negotiateLanguage(attempt.request.headers['accept-language']);
    const problem = this.problems.toProblem(error, language);
    if (!isFinal(problem.status)) {
      await this.releaseQuietly(attempt.reservation, attempt.request);
      return;
    }
    // Same shape, key order, language and headers as ProblemDetailsFilter.catch writes, so the replay is identical.
    const body = { ...problem, instance: problemInstance(attempt.request) };
    const headers = { 'content-type': PROBLEM_CONTENT_TYPE, 'content-language': language, vary: 'Accept-Language' };
    await this.keep(attempt, { status: problem.status, body, headers });
  }

  /**
   * The answer, sealed once, goes to Redis and, when the attempt's command committed, onto its
   * `idempotency_commits` row (ADR 0160). Neither store's failure fails the request: its effect
   * has happened, and the answer still goes out.
   */
  private async keep(attempt: Attempt, response: StoredResponse): Promise<void> {
    if (await this.committedByAnother(attempt)) {
      // Another attempt's command committed under the key while this one ran (Redis had lost its
      // record): that command's answer is the key's, read from its row by the next retry. This
      // attempt's refusal (409 at its commit, or the rule the first run met) is not kept.
      await this.releaseQuietly(attempt.reservation, attempt.request);
      return;
    }
    const principal = getPrincipal(attempt.request);
    const grants = principal === undefined ? {} : { grants: grantsOf(principal) };
    const record = sealEntry(attempt.reservation.slot, { state: 'completed', fingerprint: attempt.fingerprint, response, ...grants });
    await Promise.all([this.completeQuietly(attempt, record), this.keepCommittedQuietly(attempt, record)]);
  }

  /**
   * Whether a command committed under the key, though not by this attempt: its read found no row
   * before the handler ran, so one there now is an attempt's that raced it. True when it cannot be
   * told: the answer is kept, as before commits were recorded, since a command whose effect no row
   * records would otherwise run again on the retry; at worst a refusal that raced another attempt's
   * commit is replayed for the key's day.
   */
  private async committedByAnother(attempt: Attempt): Promise<boolean> {
    if (!this.commits || attempt.idempotent.recorded) return false;
    try {
      return (await this.committedUnder(this.commits, attempt.reservation.slot.digest)) !== undefined;
    } catch (error: unknown) {
      this.logger.warn({ err: error, reqId: attempt.request.id }, 'could not tell whether another attempt committed under the idempotency key; its answer is kept');
      return false;
    }
  }

  private async keepCommittedQuietly(attempt: Attempt, record: string): Promise<void> {
    const { idempotent } = attempt;
    if (!this.commits || !idempotent.recorded) return;
    try {
      await this.commits.keepAnswer(idempotent.keyDigest, idempotent.attempt, record);
    } catch (error: unknown) {
      // A retry Redis cannot answer is then refused as already applied, as a row without an answer is.
      this.logger.warn({ err: error, reqId: attempt.request.id }, 'could not keep the committed command’s idempotent answer');
    }
  }

  /**
   * The handler's effect has happened whatever Redis does now, so its response still goes out;
   * if the record is lost, the reservation expires and a later retry runs the handler again.
   */
  private async completeQuietly(attempt: Attempt, record: string): Promise<void> {
    try {
      const stored = await this.store.complete(attempt.reservation, record);
      if (!stored) {
        this.logger.warn(
          { reqId: attempt.request.id, route: attempt.request.routeOptions.url },
          'idempotency reservation expired and was taken over before the handler finished; raise inProgressTtlSeconds',
        );
      }
    } catch (error: unknown) {
      this.logger.error({ err: error, reqId: attempt.request.id }, 'could not store the idempotent response');
    }
  }

  private async releaseQuietly(reservation: Reservation, request?: FastifyRequest): Promise<void> {
    try {
      await this.store.release(reservation);
    } catch (error: unknown) {
      // The reservation then expires on its own after inProgressTtlSeconds.
      this.logger.warn({ err: error, reqId: request?.id }, 'could not release the idempotency reservation');
    }
  }
}

/**
 * Whose keys a request's key is among: the signed-in user's, or an anonymous caller's by the
 * path it called — the concrete path, whose parameters are its credential (a questionnaire's link
 * token, a gateway's channel). By the route's pattern, every respondent to every questionnaire
 * shared one space of keys, and a made-up link sent with a guessable key stored a refusal that
 * answered a real customer's answer under that key for a day.
 */
function scopeOf(request: FastifyRequest): IdempotencyScope {
  const principal = getPrincipal(request);
  if (principal) return { kind: 'principal', sub: principal.sub };
  return { kind: 'anonymous', route: `${request.method} ${request.url.split('?')[0] ?? request.url}` };
}

/**
 * Outcomes a retry would repeat are kept: successes and client errors. Server errors are not
 * (the retry may well succeed), nor is 429, which only says "not now".
 */
function isFinal(status: number): boolean {
  return status < 500 && status !== HttpStatus.TOO_MANY_REQUESTS;
}

/** Only values that survive a JSON round trip unchanged in their serialised form can be replayed. */
function isReplayable(value: unknown): boolean {
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return false;
  if (typeof value !== 'object' || value === null) return true;
  return !(value instanceof StreamableFile || value instanceof Uint8Array || typeof (value as { pipe?: unknown }).pipe === 'function');
}
