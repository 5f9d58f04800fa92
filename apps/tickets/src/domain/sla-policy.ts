import { SLA_CLOCK_KINDS, type SlaClockKind } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import type { SlaDuration } from './sla-duration';

/**
 * What a clock times: the first reply, the dispatch, the handler on site (上门: a company's
 * promise of on-site response, 24 hours locally, 3 days in nearby counties …), the resolution.
 * The events name the same kinds, so the list is the contract's.
 */
export type ClockKind = SlaClockKind;
export const CLOCK_KINDS: readonly ClockKind[] = SLA_CLOCK_KINDS;

/** What a policy may match a ticket on; an absent criterion matches anything. */
export interface SlaMatch {
  readonly sections?: readonly string[];
  readonly items?: readonly string[];
  readonly grades?: readonly string[];
  readonly priorities?: readonly string[];
  readonly channels?: readonly string[];
  readonly projects?: readonly string[];
}

/** 时限标准 — the targets a kind of ticket must meet, and when to warn and escalate. */
export interface SlaPolicy {
  readonly id: string;
  readonly name: string;
  readonly match: SlaMatch;
  readonly targets: Partial<Record<ClockKind, SlaDuration>>;
  /** Percentages of a clock's time at which to warn, e.g. [75, 90]. */
  readonly warnAt: readonly number[];
  /** A breach still open this long after the deadline goes to the manager. */
  readonly escalateToManagerAfter?: SlaDuration;
  readonly calendarId: string;
}

export interface TicketTraits {
  readonly sectionCode?: string;
  readonly itemCode?: string;
  readonly grade: string;
  readonly priority: string;
  readonly channel: string;
  readonly projectCode?: string;
}

function criteria(match: SlaMatch, ticket: TicketTraits): [readonly string[] | undefined, string | undefined][] {
  return [
    [match.sections, ticket.sectionCode],
    [match.items, ticket.itemCode],
    [match.grades, ticket.grade],
    [match.priorities, ticket.priority],
    [match.channels, ticket.channel],
    [match.projects, ticket.projectCode],
  ];
}

/**
 * The policy for a ticket: among those whose every criterion holds, the most specific (most
 * criteria given); on a tie, the one listed first.
 */
export function selectPolicy(policies: readonly SlaPolicy[], ticket: TicketTraits): SlaPolicy | undefined {
  let best: { policy: SlaPolicy; specificity: number } | undefined;
  for (const policy of policies) {
    const pairs = criteria(policy.match, ticket).filter(([values]) => values && values.length > 0);
    if (!pairs.every(([values, value]) => value !== undefined && values!.includes(value))) continue;
    if (!best || pairs.length > best.specificity) best = { policy, specificity: pairs.length };
  }
  return best?.policy;
}

/** 咨询 — the sections whose promised reply is capped. */
const CONSULTATION_SECTIONS: readonly string[] = ['consultation'];

/** A consultation's reply is promised no later than 3 working days after the customer asked. */
export const CONSULTATION_REPLY_CAP: SlaDuration = { amount: 3, unit: 'days', basis: 'working' };

/** The longest a ticket of this section may be promised a reply in, counted from receipt; none for other sections. */
export function replyCapFor(sectionCode: string | undefined): SlaDuration | undefined {
  return sectionCode !== undefined && CONSULTATION_SECTIONS.includes(sectionCode) ? CONSULTATION_REPLY_CAP : undefined;
}

/** Rules every policy list must keep; each problem names its field. */
export function validatePolicies(policies: readonly SlaPolicy[]): void {
  const ids = new Set<string>();
  policies.forEach((policy, i) => {
    const at = (field: string) => `policies[${i}].${field}`;
    if (ids.has(policy.id)) throw new DomainError('SLA.DUPLICATE_POLICY', 'invalid', `policy id ${policy.id} appears twice`, at('id'));
    ids.add(policy.id);
    if (policy.warnAt.some((p) => !Number.isInteger(p) || p <= 0 || p >= 100)) {
      throw new DomainError('SLA.BAD_WARNING', 'invalid', 'warning thresholds are whole percentages between 1 and 99', at('warnAt'));
    }
    // One warning per threshold: a threshold listed twice would warn twice at the same moment.
    if (new Set(policy.warnAt).size !== policy.warnAt.length) {
      throw new DomainError('SLA.DUPLICATE_WARNING', 'invalid', 'each warning threshold is listed once', at('warnAt'));
    }
    if (Object.keys(policy.targets).length === 0) {
      throw new DomainError('SLA.NO_TARGETS', 'invalid', 'a policy sets at least one target', at('targets'));
    }
    for (const [kind, target] of Object.entries(policy.targets)) {
      // A day's target already ends at a close; capping it at the first day's would change its meaning unseen.
      if (target?.byCloseOfDay && target.unit === 'days') {
        throw new DomainError('SLA.CLOSE_OF_DAY_ON_DAYS', 'invalid', 'byCloseOfDay caps a target in minutes or hours', at(`targets.${kind}.byCloseOfDay`));
      }
    }
    const consultation = policy.match.sections?.includes('consultation');
    const reply = policy.targets.first_response;
    // A reply promised to a consultation is never later than 3 working days.
    if (consultation && reply && reply.basis === 'working' && reply.unit === 'days' && reply.amount > CONSULTATION_REPLY_CAP.amount) {
      throw new DomainError('SLA.CONSULTATION_TOO_LONG', 'invalid', 'a consultation reply is due within 3 working days at most', at('targets.first_response'));
    }
  });
  if (!policies.some((p) => Object.values(p.match).every((v) => !v || v.length === 0))) {
    throw new DomainError('SLA.NO_FALLBACK', 'invalid', 'one policy must match every ticket (no criteria)', 'policies');
  }
}

const wd = (amount: number): SlaDuration => ({ amount, unit: 'days', basis: 'working' });
const warnings = [75, 90];

/** The defaults from the regulations; a company edits its own through the API. */
export const DEFAULT_POLICIES: readonly SlaPolicy[] = [
  {
    id: 'consultation',
    name: '咨询：按承诺时限答复（默认1个工作日，最长3个工作日）',
    match: { sections: ['consultation', 'info_collection', 'inquiry'] },
    targets: { first_response: wd(1), resolution: wd(3) },
    warnAt: warnings,
    escalateToManagerAfter: wd(1),
    calendarId: 'default',
  },
  {
    id: 'complaint-major',
    name: '重大投诉：立即上报，当日且2个工作小时内派单，1个工作日内处理',
    match: { sections: ['complaint'], grades: ['major'] },
    // Dispatched the same day as every valid complaint, and sooner: never later than a general one.
    targets: { dispatch: { amount: 2, unit: 'hours', basis: 'working', byCloseOfDay: true }, first_response: { amount: 2, unit: 'hours', basis: 'working' }, resolution: wd(1) },
    warnAt: warnings,
    escalateToManagerAfter: { amount: 2, unit: 'hours', basis: 'working' },
    calendarId: 'default',
  },
  {
    id: 'complaint',
    name: '有效投诉：当日派单，3个工作日内处理',
    match: { sections: ['complaint'] },
    targets: { dispatch: wd(0), first_response: wd(1), resolution: wd(3) },
    warnAt: warnings,
    escalateToManagerAfter: wd(1),
    calendarId: 'default',
  },
  {
    id: 'repair',
    name: '报修：24小时内明确答复',
    match: { sections: ['repair'] },
    targets: { first_response: { amount: 24, unit: 'hours', basis: 'calendar' }, resolution: wd(3) },
    warnAt: warnings,
    escalateToManagerAfter: wd(1),
    calendarId: 'default',
  },
  {
    id: 'default',
    name: '其他事项：1个工作日内答复，3个工作日内处理',
    match: {},
    targets: { first_response: wd(1), resolution: wd(3) },
    warnAt: warnings,
    escalateToManagerAfter: wd(1),
    calendarId: 'default',
  },
];
