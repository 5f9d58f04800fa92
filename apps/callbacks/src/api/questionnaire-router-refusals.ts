import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { Logger } from '@cs/observability';
import { LOGGER, answerRouterRefusalsUnder } from '@cs/platform';
import { QUESTIONNAIRES_PATH } from './questionnaires.controller';
import { QuestionnairePageFilter } from './questionnaire-page.filter';

/**
 * What the router refuses under the questionnaire's path before its route runs (a token past
 * the router's limit, a malformed percent-escape, no token or a segment after it) is answered as
 * the page's own refusals are (QuestionnairePageFilter): a link mangled on its way to the
 * customer (an SMS split, a mail client's escaping) is opened by a person, who should see a page
 * saying the link is invalid, not JSON (ADR 0145).
 */
@Injectable()
export class QuestionnaireRouterRefusals implements OnModuleInit {
  constructor(
    private readonly host: HttpAdapterHost,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const page = new QuestionnairePageFilter(this.logger);
    answerRouterRefusalsUnder(this.host.httpAdapter.getInstance<FastifyInstance>(), `/${QUESTIONNAIRES_PATH}`, (refusal, request, reply) => page.answer(refusal, request, reply));
  }
}
