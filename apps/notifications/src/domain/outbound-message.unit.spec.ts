import type { CallbackScheduledV1, EventData } from '@cs/contracts';
import { incidentUpdateMessagesOf, messagePayloadOf, questionnaireMessageOf } from './outbound-message';

const scheduled: EventData<typeof CallbackScheduledV1> = {
  callbackId: '0b7d8f3e-1c2a-4e5b-9f6d-7a8b9c0d1e2f',
  kind: 'ticket',
  method: 'sms',
  customerId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
  projectCode: 'P001',
  dueAt: '2026-10-10T02:00:00.000Z',
  at: '2026-10-08T02:00:00.000Z',
  by: 'system',
  attemptsAllowed: 3,
};

const NOW = new Date('2026-10-08T03:00:00.000Z');
const link = { url: 'https://survey.example.com/q/abc?sig=1', expiresAt: '2026-10-15T02:00:00.000Z' };

describe('outbound messages from callback events', () => {
  it('given a callback without a questionnaire, then there is no message to send', () => {
    expect(questionnaireMessageOf('m-1', scheduled, NOW)).toBeUndefined();
  });

  it('given a questionnaire callback, then the payload is its link for the customer, by id only', () => {
    const message = questionnaireMessageOf('m-2', { ...scheduled, method: 'questionnaire', questionnaire: link }, NOW);

    expect(message).toMatchObject({ kind: 'callback_questionnaire', projectCode: 'P001', subject: { type: 'callback', id: scheduled.callbackId } });
    expect(JSON.parse(messagePayloadOf(message!))).toEqual({
      id: 'm-2',
      kind: 'callback_questionnaire',
      title: '回访问卷链接',
      callbackId: scheduled.callbackId,
      customerId: scheduled.customerId,
      projectCode: 'P001',
      method: 'questionnaire',
      url: 'https://survey.example.com/q/abc?sig=1',
      expiresAt: '2026-10-15T02:00:00.000Z',
      occurredAt: '2026-10-08T02:00:00.000Z',
    });
  });

  it('given a questionnaire link that expired before the event was handled, then it is not sent', () => {
    const late = new Date('2026-10-15T02:00:00.000Z');
    expect(questionnaireMessageOf('m-3', { ...scheduled, method: 'questionnaire', questionnaire: link }, late)).toBeUndefined();
  });
});

describe('outbound messages from an incident’s update', () => {
  it('given an update naming two customers, then one message each, keyed by the event and the customer, carrying ids and the public text only', () => {
    let n = 0;
    const messages = incidentUpdateMessagesOf(
      'e-1',
      {
        incidentId: 'i-1',
        number: 'INC-20261008-0001',
        status: 'open',
        projectCode: 'P001',
        itemCode: 'repair.public_area',
        at: '2026-10-08T02:30:00.000Z',
        by: 'supervisor-1',
        updateId: 'u-1',
        sequence: 2,
        title: '3栋1号电梯停运',
        message: '维保单位已到场',
        recipients: [
          { customerId: 'cu-1', ticketId: 't-1' },
          { customerId: 'cu-2', ticketId: 't-2' },
        ],
      },
      () => `m-${++n}`,
    );
    expect(messages.map((m) => m.sourceId)).toEqual(['e-1/cu-1', 'e-1/cu-2']);
    expect(messages[1]!.message).toMatchObject({ id: 'm-2', kind: 'incident_update', projectCode: 'P001', subject: { type: 'incident', id: 'i-1' } });
    expect(JSON.parse(messagePayloadOf(messages[1]!.message))).toEqual({
      id: 'm-2',
      kind: 'incident_update',
      title: '3栋1号电梯停运',
      incidentId: 'i-1',
      number: 'INC-20261008-0001',
      updateId: 'u-1',
      sequence: 2,
      customerId: 'cu-2',
      ticketId: 't-2',
      projectCode: 'P001',
      itemCode: 'repair.public_area',
      message: '维保单位已到场',
      occurredAt: '2026-10-08T02:30:00.000Z',
    });
  });
});
