import { applyDecorators } from '@nestjs/common';
import { Roles } from '@cs/auth';
import type { Role } from '@cs/auth';
import { RequestValidationError } from '@cs/platform';
import { periodBetween, parseBound, Period } from '../domain/period';
import type { PeriodQuery } from './kpis.dto';

/** Who reads the figures: management, supervision and quality (质量管理). */
export const REPORT_READERS: readonly Role[] = ['manager', 'supervisor', 'quality'];
export const ReadsReports = (): MethodDecorator & ClassDecorator => applyDecorators(Roles(...REPORT_READERS));

/** The query's period in the company's timezone; a `to` not after `from` is the caller's error, named by field. */
export function periodOf(query: Pick<PeriodQuery, 'from' | 'to'>, timeZone: string): Period {
  const from = parseBound(query.from);
  const to = parseBound(query.to ?? query.from);
  if (!from || !to) throw new RequestValidationError([{ field: from ? 'to' : 'from', code: 'invalid_format', params: { format: 'report-period' } }]);
  const period = periodBetween(from, to, timeZone);
  if (period.from >= period.to) throw new RequestValidationError([{ field: 'to', code: 'out_of_range', params: { min: query.from } }], 'REPORT.EMPTY_PERIOD');
  return period;
}
