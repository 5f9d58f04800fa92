import { CallbackCompletedV1, validateEventData } from '@cs/contracts';
import { createValidationPipe } from '@cs/platform';
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
