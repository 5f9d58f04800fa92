import { PolicyDto, slaPolicyOf } from './sla-policies.controller';

describe('an SLA policy as sent', () => {
  it('given optional fields sent as null, then they are absent from the policy, not stored as null', () => {
    const sent = {
      id: 'major',
      name: '重大投诉',
      match: { sections: ['complaint'], items: null, grades: ['major'] },
      targets: { dispatch: { amount: 2, unit: 'hours', basis: 'working', byCloseOfDay: null }, resolution: null, first_response: { amount: 2, unit: 'hours', basis: 'working', byCloseOfDay: true } },
      warnAt: [75],
      escalateToManagerAfter: null,
      calendarId: null,
    } as unknown as PolicyDto;
    expect(slaPolicyOf(sent)).toEqual({
      id: 'major',
      name: '重大投诉',
      match: { sections: ['complaint'], grades: ['major'] },
      targets: { dispatch: { amount: 2, unit: 'hours', basis: 'working' }, first_response: { amount: 2, unit: 'hours', basis: 'working', byCloseOfDay: true } },
      warnAt: [75],
      calendarId: 'default',
    });
  });
});
