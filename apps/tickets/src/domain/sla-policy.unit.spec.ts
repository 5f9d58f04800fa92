import { DomainError } from '@cs/ddd';
import { CONSULTATION_REPLY_CAP, DEFAULT_POLICIES, SlaPolicy, replyCapFor, selectPolicy, validatePolicies } from './sla-policy';

const wd = (amount: number) => ({ amount, unit: 'days' as const, basis: 'working' as const });
const fallback: SlaPolicy = { id: 'default', name: '其他', match: {}, targets: { resolution: wd(3) }, warnAt: [75], calendarId: 'default' };
const consultation = (firstResponse: number): SlaPolicy => ({
  id: 'consultation',
  name: '咨询',
  match: { sections: ['consultation'] },
  targets: { first_response: wd(firstResponse), resolution: wd(3) },
  warnAt: [75, 90],
  calendarId: 'default',
});

function refusal(run: () => void): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the consultation reply cap', () => {
  it('caps a consultation at 3 working days and leaves other sections uncapped', () => {
    expect(replyCapFor('consultation')).toEqual({ amount: 3, unit: 'days', basis: 'working' });
    expect(replyCapFor('complaint')).toBeUndefined();
    expect(replyCapFor(undefined)).toBeUndefined();
  });

  it('given a consultation policy replying within the cap, when validated, then it is accepted', () => {
    expect(() => validatePolicies([consultation(CONSULTATION_REPLY_CAP.amount), fallback])).not.toThrow();
  });

  it('given a consultation policy replying after 4 working days, when validated, then it is refused naming the target', () => {
    expect(refusal(() => validatePolicies([consultation(4), fallback]))).toMatchObject({
      code: 'SLA.CONSULTATION_TOO_LONG',
      field: 'policies[0].targets.first_response',
    });
  });

  it('keeps the shipped defaults within their own rules', () => {
    expect(() => validatePolicies(DEFAULT_POLICIES)).not.toThrow();
  });
});

describe('selecting a policy', () => {
  const traits = { grade: 'general', priority: 'normal', channel: 'phone' };

  it('given a specific and a fallback policy, when a consultation is timed, then the specific one applies', () => {
    expect(selectPolicy([fallback, consultation(1)], { ...traits, sectionCode: 'consultation' })?.id).toBe('consultation');
  });

  it('given no specific policy matches, when a repair is timed, then the fallback applies', () => {
    expect(selectPolicy([consultation(1), fallback], { ...traits, sectionCode: 'repair' })?.id).toBe('default');
  });

  it('given a major complaint, when timed by the defaults, then the major-complaint policy wins over the complaint one', () => {
    expect(selectPolicy(DEFAULT_POLICIES, { ...traits, grade: 'major', sectionCode: 'complaint' })?.id).toBe('complaint-major');
  });
});

describe('a target due by the close of the day', () => {
  it('given byCloseOfDay on a target in days, then the policy list is refused naming the field', () => {
    const major = DEFAULT_POLICIES.find((p) => p.id === 'complaint-major')!;
    const days = { ...major, targets: { ...major.targets, resolution: { amount: 1, unit: 'days', basis: 'working', byCloseOfDay: true } } } as const;
    expect(() => validatePolicies([...DEFAULT_POLICIES.filter((p) => p !== major), days])).toThrow(expect.objectContaining({ code: 'SLA.CLOSE_OF_DAY_ON_DAYS', field: expect.stringMatching(/targets\.resolution\.byCloseOfDay$/) }));
    expect(() => validatePolicies(DEFAULT_POLICIES)).not.toThrow();
  });
});

describe('warning thresholds', () => {
  it('given a threshold listed twice, then the policy list is refused naming warnAt', () => {
    const twice = { ...fallback, warnAt: [75, 90, 75] };
    expect(() => validatePolicies([consultation(1), twice])).toThrow(expect.objectContaining({ code: 'SLA.DUPLICATE_WARNING', field: 'policies[1].warnAt' }));
    expect(() => validatePolicies([consultation(1), { ...fallback, warnAt: [90, 75] }])).not.toThrow();
  });
});
