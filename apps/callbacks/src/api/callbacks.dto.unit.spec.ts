import { CallbackCompletedV1, validateEventData } from '@cs/contracts';
import { createValidationPipe } from '@cs/platform';
import { CallbackPlanDto } from './callback-plans.controller';
import { CallbackPoliciesDto } from './callback-policies.controller';
import { AttemptDto, CallbackQueueQuery, reportOf } from './callbacks.dto';

const pipe = createValidationPipe();
const attempt = (body: Record<string, unknown>) => pipe.transform(body, { type: 'body', metatype: AttemptDto });
const dissatisfied = { outcome: 'reached', satisfaction: 'dissatisfied' };

describe('an attempt’s promises to a dissatisfied customer', () => {
  it.each(['nextCallbackAt', 'departmentDeadline'])(
    'Given %s after year 9999 in UTC (written with an offset west of it), When the attempt is posted, Then it is refused as a date-time naming the field, not a 500 at the outbox',
    async (field) => {
      await expect(attempt({ ...dissatisfied, [field]: '9999-12-31T23:59:59-08:00' })).rejects.toMatchObject({
        errors: [{ field, code: 'invalid_format', params: { format: 'date-time' } }],
      });
    },
  );

  it('Given the latest promise the API takes, When callback.completed carries it, Then the event keeps its contract', async () => {
    const report = reportOf((await attempt({ ...dissatisfied, nextCallbackAt: '9999-12-31T15:59:59-08:00', departmentDeadline: '9999-12-31T23:59:59Z' })) as AttemptDto);
    const event = {
      callbackId: '0b9c4a4e-7f7e-4a55-9d3c-2f2d8a0c1e11',
      ticketId: '5b0d7a0e-2a3c-4f57-8d1e-9c6b3f2a4e10',
      customerId: '7c1e2d3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f',
      satisfied: false,
      completedAt: '2026-11-24T02:00:00.000Z',
      by: 'agent-7',
      nextCallbackAt: report.nextCallbackAt!.toISOString(),
      departmentDeadline: report.departmentDeadline!.toISOString(),
    };
    expect(validateEventData(CallbackCompletedV1, event)).toEqual([]);
  });
});

describe('the work queue’s ticket filter', () => {
  const queue = (query: Record<string, unknown>) => pipe.transform(query, { type: 'query', metatype: CallbackQueueQuery }) as Promise<CallbackQueueQuery>;

  it('Given a ticket id in capitals (the same UUID, RFC 9562), When the queue is asked for it, Then it is passed on in lower case, as intake, knowledge and tickets take ids', async () => {
    await expect(queue({ ticketId: '5B0D7A0E-2A3C-4F57-8D1E-9C6B3F2A4E10' })).resolves.toMatchObject({ ticketId: '5b0d7a0e-2a3c-4f57-8d1e-9c6b3f2a4e10' });
  });

  it('Given a ticket id that is no UUID, When the queue is asked for it, Then it is refused naming the field', async () => {
    await expect(queue({ ticketId: 'TK-20261124-000123' })).rejects.toMatchObject({ errors: [{ field: 'ticketId' }] });
  });
});

describe('lists of codes given as one text', () => {
  const plan = { name: '重点客户月度回访', kind: 'key_customer', projectCode: 'P001', recurrence: { every: 'month' }, firstRunAt: '2027-01-01T09:00:00+08:00', method: 'phone', dueWorkingDays: 5 };
  const policy = { id: 'complaint', name: '投诉回访', match: {}, dueWorkingDays: 3, method: 'phone', attemptsAllowed: 3, retrySpacingMinutes: 120, assignTo: 'project_pool' };

  it('Given a plan’s tags as a text, not a list, When it is posted, Then it is refused as no list naming the field, not as a list too long', async () => {
    await expect(pipe.transform({ ...plan, tags: 'vip' }, { type: 'body', metatype: CallbackPlanDto })).rejects.toMatchObject({
      errors: [{ field: 'tags', code: 'invalid_type', params: { expected: 'array' } }],
    });
  });

  it('Given a policy’s sections as a text, not a list, When the policies are put, Then it is refused as no list naming the field', async () => {
    await expect(pipe.transform({ policies: [{ ...policy, match: { sections: 'complaint' } }] }, { type: 'body', metatype: CallbackPoliciesDto })).rejects.toMatchObject({
      errors: [{ field: 'policies[0].match.sections', code: 'invalid_type', params: { expected: 'array' } }],
    });
  });
});

describe('nested objects given as lists', () => {
  const plan = { name: '重点客户月度回访', kind: 'key_customer', projectCode: 'P001', recurrence: { every: 'month' }, firstRunAt: '2027-01-01T09:00:00+08:00', method: 'phone', dueWorkingDays: 5 };
  const policy = { id: 'complaint', name: '投诉回访', match: { sections: ['complaint'] }, dueWorkingDays: 3, method: 'phone', attemptsAllowed: 3, retrySpacingMinutes: 120, assignTo: 'project_pool' };
  const policies = (body: unknown) => pipe.transform(body, { type: 'body', metatype: CallbackPoliciesDto });

  it.each([
    ['a policy that is a list (every field of it unchecked: the list then failed to be stored for its missing id, a 500)', { policies: [[]] }, 'policies'],
    ['a policy’s match that is a list (its criteria unread: a policy for complaints fitted every ticket)', { policies: [{ ...policy, match: [{ sections: ['complaint'] }] }] }, 'policies[0].match'],
    ['a policy’s match that is an empty list', { policies: [{ ...policy, match: [] }] }, 'policies[0].match'],
  ])('Given %s, When the policies are put, Then it is refused as no object naming the field', async (_what, body, field) => {
    await expect(policies(body)).rejects.toMatchObject({ errors: [{ field, code: 'invalid_type', params: { expected: 'object' } }] });
  });

  it.each([
    ['a list holding one (its every left unread: the plan was stored with none, and each run failed counting its next)', [{ every: 'days', days: 7 }]],
    ['an empty list', []],
  ])('Given a plan’s recurrence as %s, When it is posted, Then it is refused as no object naming the field', async (_what, recurrence) => {
    await expect(pipe.transform({ ...plan, recurrence }, { type: 'body', metatype: CallbackPlanDto })).rejects.toMatchObject({
      errors: [{ field: 'recurrence', code: 'invalid_type', params: { expected: 'object' } }],
    });
  });

  it('Given well-formed policies and a plan, When they are posted, Then they are taken', async () => {
    await expect(policies({ policies: [policy] })).resolves.toBeInstanceOf(CallbackPoliciesDto);
    await expect(pipe.transform(plan, { type: 'body', metatype: CallbackPlanDto })).resolves.toBeInstanceOf(CallbackPlanDto);
  });
});
