import { ConflictException, HttpException } from '@nestjs/common';
import { ValidationError } from 'class-validator';
import { DomainError } from '@cs/ddd';
import { createLogger } from '@cs/observability';
import { ProblemDetailsFilter } from './problem.filter';
import { RequestValidationError, flattenValidationErrors } from './request-validation.error';

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
      errors: [{ field: 'status', message: 'a closed ticket cannot be dispatched' }],
    });
  });

  it('details of a domain error cannot override the standard members', () => {
    const problem = filter.toProblem(new DomainError('X.Y', 'conflict', 'no', undefined, { status: 'new', code: 'other', allowed: ['a'] }));
    expect(problem).toMatchObject({ status: 409, code: 'X.Y', allowed: ['a'] });
  });

  it('validation errors list every field by its dotted path', () => {
    const nested = Object.assign(new ValidationError(), {
      property: 'customer',
      children: [Object.assign(new ValidationError(), { property: 'phone', constraints: { isString: 'phone must be a string' }, children: [] })],
    });
    const unknown = Object.assign(new ValidationError(), {
      property: 'extra',
      constraints: { whitelistValidation: 'property extra should not exist' },
      children: [],
    });
    const errors = flattenValidationErrors([nested, unknown]);
    expect(errors).toEqual([
      { field: 'customer.phone', message: 'phone must be a string' },
      { field: 'extra', message: 'is not an allowed field' },
    ]);
    const problem = filter.toProblem(new RequestValidationError(errors));
    expect(problem.status).toBe(400);
    expect(problem.detail).toBe('invalid field(s): customer.phone, extra');
    expect(problem.code).toBe('VALIDATION.FAILED');
  });

  it('a validation error may carry a more specific code, still as a 400 naming the field', () => {
    const problem = filter.toProblem(new RequestValidationError([{ field: 'cursor', message: 'unknown cursor' }], 'TICKET.BAD_CURSOR'));
    expect(problem).toMatchObject({ status: 400, code: 'TICKET.BAD_CURSOR', errors: [{ field: 'cursor', message: 'unknown cursor' }] });
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
  });
});
