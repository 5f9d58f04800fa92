import { ConflictException, HttpException } from '@nestjs/common';
import { DomainError } from '@cs/ddd';
import { createLogger } from '@cs/observability';
import { ProblemDetailsFilter } from './problem.filter';
import { RequestValidationError } from './request-validation.error';

const filter = new ProblemDetailsFilter(createLogger('test', 'silent'));

describe('problem details', () => {
  it('a domain error keeps its code, maps its kind to a status and names its field', () => {
    const problem = filter.toProblem(
      new DomainError('TICKET.ILLEGAL_TRANSITION', 'conflict', 'a closed ticket cannot be dispatched', 'status'),
    );
    expect(problem).toMatchObject({
      status: 409,
      code: 'TICKET.ILLEGAL_TRANSITION',
      type: 'urn:cs:problem:ticket-illegal-transition',
      detail: 'a closed ticket cannot be dispatched',
      errors: [{ field: 'status', code: 'rejected', message: 'a closed ticket cannot be dispatched' }],
    });
  });

  it('details of a domain error cannot override the standard members', () => {
    const problem = filter.toProblem(new DomainError('X.Y', 'conflict', 'no', undefined, { status: 'new', code: 'other', allowed: ['a'] }));
    expect(problem).toMatchObject({ status: 409, code: 'X.Y', allowed: ['a'] });
  });

  it('validation errors list every field by its dotted path, with its rule, parameters and message', () => {
    const problem = filter.toProblem(
      new RequestValidationError([
        { field: 'customer.phone', code: 'invalid_phone' },
        { field: 'content', code: 'too_long', params: { max: 4000 } },
        { field: 'extra', code: 'unknown_field' },
      ]),
    );
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('VALIDATION.FAILED');
    expect(problem.detail).toBe('invalid field(s): customer.phone, content, extra');
    expect(problem.errors).toEqual([
      { field: 'customer.phone', code: 'invalid_phone', params: {}, message: 'is not a valid phone number' },
      { field: 'content', code: 'too_long', params: { max: 4000 }, message: 'must be at most 4000 characters long' },
      { field: 'extra', code: 'unknown_field', params: {}, message: 'is not an allowed field' },
    ]);
  });

  it('in Chinese, the messages and the summary are Chinese and the codes unchanged', () => {
    const problem = filter.toProblem(new RequestValidationError([{ field: 'content', code: 'too_long', params: { max: 4000 } }]), 'zh-CN');
    expect(problem).toMatchObject({ code: 'VALIDATION.FAILED', detail: '以下字段有误：content' });
    expect(problem.errors).toEqual([{ field: 'content', code: 'too_long', params: { max: 4000 }, message: '不能超过4000个字符' }]);
  });

  it('a validation error may carry a more specific code, still as a 400 naming the field', () => {
    const problem = filter.toProblem(new RequestValidationError([{ field: 'cursor', code: 'invalid_format', params: { format: 'cursor' } }], 'TICKET.BAD_CURSOR'));
    expect(problem).toMatchObject({ status: 400, code: 'TICKET.BAD_CURSOR', errors: [{ field: 'cursor', code: 'invalid_format' }] });
  });

  it('a business rule on a field names its rule, or is `rejected` with its reason', () => {
    const phone = filter.toProblem(
      new DomainError('CONTACT.INVALID_PHONE', 'invalid', 'not a valid phone number', 'customer.phone', undefined, { code: 'invalid_phone' }),
      'zh-CN',
    );
    expect(phone).toMatchObject({ status: 422, code: 'CONTACT.INVALID_PHONE', errors: [{ field: 'customer.phone', code: 'invalid_phone', message: '不是有效的电话号码' }] });
    const other = filter.toProblem(new DomainError('SLA.NO_FALLBACK', 'invalid', 'one policy must match every ticket', 'policies'));
    expect(other.errors).toEqual([
      { field: 'policies', code: 'rejected', params: { reason: 'one policy must match every ticket' }, message: 'one policy must match every ticket' },
    ]);
  });

  it('field errors a business rule lists itself take the same shape', () => {
    const problem = filter.toProblem(
      new DomainError('CALENDAR.INVALID', 'invalid', 'not valid: 2 problems', undefined, {
        calendarId: 'default',
        errors: [{ field: 'holidays.0', message: 'not a date' }, { field: 'hours', code: 'required' }],
      }),
    );
    expect(problem).toMatchObject({ status: 422, calendarId: 'default' });
    expect(problem.errors).toEqual([
      { field: 'holidays.0', code: 'rejected', params: { reason: 'not a date' }, message: 'not a date' },
      { field: 'hours', code: 'required', params: {}, message: 'is required' },
    ]);
  });

  it('HTTP exceptions keep their status and a code derived from it, or their own code', () => {
    expect(filter.toProblem(new ConflictException('busy'))).toMatchObject({ status: 409, code: 'HTTP.CONFLICT', detail: 'busy' });
    expect(filter.toProblem(new HttpException({ code: 'RATE_LIMIT.EXCEEDED', message: 'slow down' }, 429))).toMatchObject({
      status: 429,
      code: 'RATE_LIMIT.EXCEEDED',
    });
  });

  it('framework errors with a status code keep it; anything else is a 500 that leaks nothing', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(filter.toProblem(tooLarge)).toMatchObject({ status: 413, title: 'Content Too Large' });
    const internal = filter.toProblem(new Error('password=hunter2 in connection string'));
    expect(internal).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(JSON.stringify(internal)).not.toContain('hunter2');
    const upstream = filter.toProblem(Object.assign(new Error('connect ECONNREFUSED 10.0.3.7:5432 as cs_admin'), { statusCode: 502 }));
    expect(upstream).toMatchObject({ status: 502 });
    expect(JSON.stringify(upstream)).not.toContain('10.0.3.7');
  });
});
