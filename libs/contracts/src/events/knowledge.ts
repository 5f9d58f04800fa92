import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { CatalogueItemCode, Id, Timestamp } from './common';

const Projects = Type.Union([Type.Array(Type.String({ maxLength: 40 }), { maxItems: 200 }), Type.Null()], {
  description: 'the projects the answer is for; null: every project',
});

/** 统一答复 — a supervisor published a version of a unified answer; replies may cite it. */
export const KnowledgeAnswerPublishedV1 = defineEvent({
  type: 'knowledge.answer.published.v1',
  topic: TOPICS.knowledge,
  aggregate: 'answer',
  summary: 'A version of a unified answer (统一答复) was approved and published',
  schema: Type.Object(
    {
      answerId: Id,
      version: Type.Integer({ minimum: 1 }),
      title: Type.String({ maxLength: 200 }),
      sectionCode: Type.Optional(Type.String({ maxLength: 40 })),
      itemCode: Type.Optional(CatalogueItemCode),
      projects: Projects,
      effectiveFrom: Type.Optional(Timestamp),
      effectiveTo: Type.Optional(Timestamp),
      approvedBy: Type.String({ minLength: 1, maxLength: 64 }),
      at: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const KnowledgeAnswerRetiredV1 = defineEvent({
  type: 'knowledge.answer.retired.v1',
  topic: TOPICS.knowledge,
  aggregate: 'answer',
  summary: 'A unified answer was retired; no reply may cite it from now on',
  schema: Type.Object(
    { answerId: Id, version: Type.Integer({ minimum: 1 }), by: Type.String({ minLength: 1, maxLength: 64 }), at: Timestamp },
    { additionalProperties: false },
  ),
});

export const KnowledgeGapOpenedV1 = defineEvent({
  type: 'knowledge.gap.opened.v1',
  topic: TOPICS.knowledge,
  aggregate: 'gap',
  summary: 'Customers asked something no published answer covers',
  schema: Type.Object(
    {
      gapId: Id,
      source: Type.Union([Type.Literal('consultation'), Type.Literal('search')]),
      itemCode: Type.Optional(CatalogueItemCode),
      projectCode: Type.Optional(Type.String({ maxLength: 40 })),
      sample: Type.String({ maxLength: 500, description: 'how it was asked, personal data redacted' }),
      ticketId: Type.Optional(Id),
      at: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const KnowledgeReviewOverdueV1 = defineEvent({
  type: 'knowledge.review.overdue.v1',
  topic: TOPICS.knowledge,
  aggregate: 'answer',
  summary: 'A published answer flagged for review (a change notice, or its review-by date) was not reviewed in time',
  schema: Type.Object(
    {
      answerId: Id,
      version: Type.Integer({ minimum: 1 }),
      reason: Type.Union([Type.Literal('change_notice'), Type.Literal('review_by_date')]),
      noticeId: Type.Optional(Id),
      dueAt: Timestamp,
      at: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const KNOWLEDGE_EVENTS = [KnowledgeAnswerPublishedV1, KnowledgeAnswerRetiredV1, KnowledgeGapOpenedV1, KnowledgeReviewOverdueV1] as const;
