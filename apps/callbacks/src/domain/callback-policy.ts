import type { CALLBACK_METHODS } from '@cs/contracts';
import { DomainError } from '@cs/ddd';

export type CallbackMethod = (typeof CALLBACK_METHODS)[number];
/** 首问责任人 (the agent who first took the matter) or anyone in the project's callback pool. */
export type CallbackAssignment = 'first_contact_owner' | 'project_pool';
export const CALLBACK_ASSIGNMENTS: readonly CallbackAssignment[] = ['first_contact_owner', 'project_pool'];

/** What a policy may match a ticket on; an absent or empty criterion matches anything. */
export interface CallbackMatch {
  readonly sections?: readonly string[];
  readonly items?: readonly string[];
  readonly grades?: readonly string[];
  readonly projects?: readonly string[];
}

/** 回访标准 — when and how a resolved ticket is called back. */
export interface CallbackPolicy {
  readonly id: string;
  readonly name: string;
  readonly match: CallbackMatch;
  /** Working days after resolution by which the callback is due (投诉 3, 报修 1, 增值服务 2). */
  readonly dueWorkingDays: number;
  readonly calendarId: string;
  readonly method: CallbackMethod;
  readonly attemptsAllowed: number;
  /** Minutes between an unanswered attempt and the next one. */
  readonly retrySpacingMinutes: number;
  readonly assignTo: CallbackAssignment;
  /** A closed ticket of this kind without a completed callback is reported as missed. */
  readonly required: boolean;
}

export interface TicketTraits {
  readonly sectionCode?: string;
  readonly itemCode?: string;
  readonly grade?: string;
  readonly projectCode?: string;
}

/**
 * The policy for a ticket: among those whose every criterion holds, the most specific (most
 * criteria given); on a tie, the one listed first.
 */
export function selectCallbackPolicy(policies: readonly CallbackPolicy[], ticket: TicketTraits): CallbackPolicy | undefined {
  let best: { policy: CallbackPolicy; specificity: number } | undefined;
  for (const policy of policies) {
    const pairs: [readonly string[] | undefined, string | undefined][] = [
      [policy.match.sections, ticket.sectionCode],
      [policy.match.items, ticket.itemCode],
      [policy.match.grades, ticket.grade],
      [policy.match.projects, ticket.projectCode],
    ];
    const given = pairs.filter(([values]) => values !== undefined && values.length > 0);
    if (!given.every(([values, value]) => value !== undefined && values!.includes(value))) continue;
    if (!best || given.length > best.specificity) best = { policy, specificity: given.length };
  }
  return best?.policy;
}

/** Rules a policy list must keep beyond each field's own; each problem names its field. */
export function validateCallbackPolicies(policies: readonly CallbackPolicy[]): void {
  const ids = new Set<string>();
  policies.forEach((policy, i) => {
    if (ids.has(policy.id)) throw new DomainError('CALLBACK_POLICY.DUPLICATE', 'invalid', `policy id ${policy.id} appears twice`, `policies[${i}].id`);
    ids.add(policy.id);
  });
}
