import { DomainError } from '@cs/ddd';
import { CHANNELS, Channel } from '@cs/contracts';
import { redactPersonalData } from '@cs/privacy';

export const MAX_CONTENT_LENGTH = 4_000;
/** Clocks of gateways and agents' PCs drift; a contact a few minutes "in the future" is still real. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

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
}

/** The part of the content that travels in events: enough to route, not the whole story, no numbers. */
export function contentSummary(content: string): string {
  const chars = [...redactPersonalData(content.trim())];
  return chars.length <= 200 ? chars.join('') : `${chars.slice(0, 199).join('')}…`;
}
