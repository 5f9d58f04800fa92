import { redactTicketRequest } from './redact-ticket-request';

const TEXT = '电话１３７００１３７００３ lisi@example.com';
const CLEAN = '电话137****7003 l***@example.com';

describe('redactTicketRequest', () => {
  it.each([
    [{ action: 'pause', command: { type: 'pause', reason: TEXT } }, { action: 'pause', command: { type: 'pause', reason: CLEAN } }],
    [{ action: 'reopen', command: { type: 'reopen', reason: TEXT } }, { action: 'reopen', command: { type: 'reopen', reason: CLEAN } }],
    [{ action: 'reply', command: { type: 'reply', message: TEXT } }, { action: 'reply', command: { type: 'reply', message: CLEAN } }],
    [{ action: 'resolve', command: { type: 'resolve', resolution: TEXT } }, { action: 'resolve', command: { type: 'resolve', resolution: CLEAN } }],
    [
      { action: 'decide_validity', command: { type: 'decide_validity', decision: 'invalid', reason: TEXT } },
      { action: 'decide_validity', command: { type: 'decide_validity', decision: 'invalid', reason: CLEAN } },
    ],
    [
      { action: 'decide_validity', command: { type: 'decide_validity', decision: 'out_of_scope', reason: TEXT, redirectTo: TEXT } },
      { action: 'decide_validity', command: { type: 'decide_validity', decision: 'out_of_scope', reason: CLEAN, redirectTo: CLEAN } },
    ],
    [{ action: 'close', command: { type: 'close' }, note: TEXT }, { action: 'close', command: { type: 'close' }, note: CLEAN }],
  ] as const)('redacts the free text of %j', (given, expected) => {
    expect(redactTicketRequest(given)).toEqual(expected);
  });

  it('redacts an extension’s reason and keeps its other fields', () => {
    const informed = new Date('2026-11-30T02:00:00Z');
    const by = { amount: 1, unit: 'days', basis: 'working' } as const;
    expect(redactTicketRequest({ action: 'extend', clock: 'resolution', by, reason: TEXT, customerInformedAt: informed })).toEqual({
      action: 'extend',
      clock: 'resolution',
      by,
      reason: CLEAN,
      customerInformedAt: informed,
    });
  });

  it.each([
    [{ action: 'evaluate_suggestion', reasonable: true, feasible: true, valuable: true, comment: TEXT }, { comment: CLEAN }],
    [{ action: 'record_implementation', status: 'implemented', result: TEXT }, { result: CLEAN }],
    [{ action: 'reward_suggestion', kind: 'gift', description: TEXT }, { description: CLEAN }],
    [{ action: 'request_opinion', opinionId: 'o-1', from: 'legal', question: TEXT, dueAt: new Date(0) }, { question: CLEAN, dueAt: new Date(0) }],
    [{ action: 'record_opinion', opinionId: 'o-1', text: TEXT }, { text: CLEAN }],
    [{ action: 'approve_reply', text: TEXT }, { text: CLEAN }],
  ] as const)('redacts the free text of a suggestion or research step %j', (given, redacted) => {
    expect(redactTicketRequest(given)).toEqual({ ...given, ...redacted });
  });

  it('leaves requests without free text unchanged', () => {
    const dispatch = { action: 'dispatch', command: { type: 'dispatch', department: 'engineering' } } as const;
    expect(redactTicketRequest(dispatch)).toEqual(dispatch);
    expect(redactTicketRequest({ action: 'promise', tier: '1d' })).toEqual({ action: 'promise', tier: '1d' });
  });
});

describe('a building or room amended (补录)', () => {
  const amend = (room: string) => () => redactTicketRequest({ action: 'amend_record', room });

  it('given a room code, even with runs of digits, then it is taken as given', () => {
    for (const room of ['1202', '2-1-1202', '2301-2302', '101-1202', '0101 1202', '12345678', 'B座1802室']) expect(amend(room)()).toEqual({ action: 'amend_record', room });
  });

  it('given a mobile number, an e-mail address or an ID number, then it is refused naming the field', () => {
    for (const room of ['13812345678', '１３８１２３４５６７８', 'a@b.cn', '11010519491231002X', '110105491231002']) {
      expect(amend(room)).toThrow(expect.objectContaining({ code: 'TICKET.PERSONAL_DATA', field: 'room' }));
    }
  });
});
