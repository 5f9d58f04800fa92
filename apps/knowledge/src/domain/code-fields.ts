import { DomainError } from '@cs/ddd';
import { codeFieldHoldingPersonalData } from '@cs/privacy';

/**
 * Tags, departments and section codes are short codes staff write, shown and published as given
 * (a section code goes into `knowledge.answer.published.v1`): one holding a phone number, an e-mail
 * address or an ID number is refused (422 `code`, naming the field, e.g. `tags[2]`), as intake
 * refuses a building or a room, rather than masked into a code nobody recognises. `todo` says what
 * to do when the code was stored before this check.
 */
export function assertCodesHoldNoPersonalData(fields: Parameters<typeof codeFieldHoldingPersonalData>[0], code: string, todo?: string): void {
  const field = codeFieldHoldingPersonalData(fields);
  if (!field) return;
  const rule = `${field} is a code shown and published as given: it must not hold a phone number, e-mail address or ID number`;
  throw new DomainError(code, 'invalid', todo ? `${rule}; ${todo}` : rule, field);
}
