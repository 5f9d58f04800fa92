import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { Timestamp } from './common';

export const REPORT_KINDS = ['monthly', 'weekly'] as const;

const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);

/**
 * 月报/周报 — the periodic report leaders receive was produced, company-wide, on the first working
 * day after its period. Carries the headline figures and where to fetch each format; the figures
 * themselves stay behind the reporting API's access rules.
 */
export const ReportGeneratedV1 = defineEvent({
  type: 'report.generated.v1',
  topic: TOPICS.reporting,
  aggregate: 'report',
  summary: 'A monthly or weekly report was generated; fetch it in JSON, CSV, XLSX or HTML',
  schema: Type.Object(
    {
      reportId: Type.String({ format: 'uuid' }),
      kind: Type.Union(REPORT_KINDS.map((k) => Type.Literal(k))),
      period: Type.String({
        pattern: '^\\d{4}-(0[1-9]|1[0-2]|W(0[1-9]|[1-4]\\d|5[0-3]))$',
        description: 'the month (2026-11) or ISO week (2026-W48)',
        examples: ['2026-11'],
      }),
      from: Timestamp,
      to: Timestamp,
      generatedAt: Timestamp,
      url: Type.String({ maxLength: 200, description: 'the report’s path on the API; the Accept header picks the format' }),
      formats: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 8 }),
      headline: Type.Object(
        {
          received: Type.Integer({ minimum: 0 }),
          resolutionRate: Rate,
          satisfactionRate: Rate,
          callbackCompletionRate: Rate,
          majorComplaints: Type.Integer({ minimum: 0 }),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
});
