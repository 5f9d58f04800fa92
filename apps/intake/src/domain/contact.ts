import { cutToCharacters, DomainError } from '@cs/ddd';
import { CHANNELS, Channel } from '@cs/contracts';
import { redactPersonalData } from '@cs/privacy';

export const MAX_CONTENT_LENGTH = 4_000;
/** Clocks of gateways and agents' PCs drift; a contact a few minutes "in the future" is still real. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** How long after it happened a contact may still be recorded. */
export const MAX_RECORDED_LATE_DAYS = 90;
const MAX_RECORDED_LATE_MS = MAX_RECORDED_LATE_DAYS * 86_400_000;

export interface NewContact {
  readonly channel: Channel;
  readonly content: string;
  readonly occurredAt: Date;
  readonly recordedBy: string;
}

/** Checks what every contact must satisfy, whatever channel it came through. */
export function validateNewContact(contact: NewContact, now: Date): void {
  if (!(CHANNELS as readonly string[]).includes(contact.channel)) {
    throw new DomainError('CONTACT.UNKNOWN_CHANNEL', 'invalid', `unknown channel "${contact.channel}"`, 'channel');
  }
  if (contact.content.trim().length === 0) {
    throw new DomainError('CONTACT.EMPTY_CONTENT', 'invalid', 'content must not be empty', 'content', undefined, { code: 'required' });
  }
  if (contact.content.length > MAX_CONTENT_LENGTH) {
    throw new DomainError('CONTACT.CONTENT_TOO_LONG', 'invalid', `content exceeds ${MAX_CONTENT_LENGTH} characters`, 'content', undefined, {
      code: 'too_long',
      params: { max: MAX_CONTENT_LENGTH },
    });
  }
  if (contact.occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new DomainError('CONTACT.OCCURRED_IN_FUTURE', 'invalid', 'occurredAt lies in the future', 'occurredAt');
  }
  // A contact recorded later than it happened (a letter opened after a holiday) is written in
  // days, not years: one dated a century back would open a ticket whose SLA clocks count every
  // working day since, breached before it exists.
  if (contact.occurredAt.getTime() < now.getTime() - MAX_RECORDED_LATE_MS) {
    throw new DomainError('CONTACT.OCCURRED_TOO_LONG_AGO', 'invalid', `occurredAt lies more than ${MAX_RECORDED_LATE_DAYS} days back`, 'occurredAt', undefined, {
      code: 'out_of_range',
      params: { maxDaysBack: MAX_RECORDED_LATE_DAYS },
    });
  }
}

/** The part of the content that travels in events: enough to route, not the whole story, no numbers. */
export function contentSummary(content: string): string {
  return cutToCharacters(redactPersonalData(content.trim()), 200);
}
