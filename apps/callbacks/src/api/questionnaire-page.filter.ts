import { Catch } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type MessageLanguage, PROBLEM_CONTENT_TYPE, ProblemDetailsFilter, type ProblemDetails, preferredMediaType, varyAlsoOn } from '@cs/platform';
import { QUESTIONNAIRE_PAGE_HEADERS, questionnaireRefusalPage } from './questionnaire-page';

const ANSWERED_AS = ['text/html', PROBLEM_CONTENT_TYPE, 'application/json'] as const;

/** What opening the link sends; the answer (a POST) comes from the page's own script, which reads problem+json. */
const OPENING = new Set(['GET', 'HEAD']);

/** Whole seconds a reply's Retry-After says, when it says one. */
function retryAfterOf(reply: FastifyReply): number | undefined {
  const seconds = Number(reply.getHeader('retry-after'));
  return Number.isInteger(seconds) && seconds > 0 ? seconds : undefined;
}

/**
 * Every refusal of the questionnaire page (its link unknown, answered, expired or malformed, too
 * many requests, the service unable to answer) goes to the customer's phone as a page in the
 * customer's words, its status and Retry-After kept; a client whose Accept prefers problem+json
 * or JSON to HTML gets problem+json, as from every other route. No Accept, or only `*\/*`, is a
 * page: the link is opened by people. Any other method (the answer's POST, which the page's
 * script reads) is answered as problem+json, as everywhere.
 */
@Catch()
export class QuestionnairePageFilter extends ProblemDetailsFilter {
  protected override send(body: ProblemDetails, language: MessageLanguage, request: FastifyRequest, reply: FastifyReply): void {
    if (!OPENING.has(request.method)) {
      super.send(body, language, request, reply);
      return;
    }
    varyAlsoOn(reply, 'Accept');
    const preferred = preferredMediaType(request.headers.accept, ANSWERED_AS) ?? 'text/html';
    if (preferred !== 'text/html') {
      super.send(body, language, request, reply);
      return;
    }
    void reply.status(body.status).headers(QUESTIONNAIRE_PAGE_HEADERS).send(questionnaireRefusalPage(body, retryAfterOf(reply)));
  }
}
