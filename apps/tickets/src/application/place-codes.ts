import { DomainError } from '@cs/ddd';
import { codeHoldsPersonalData, placeFieldHoldingPersonalData } from '@cs/privacy';

/**
 * A building and a room are codes (3栋, 2-1-1202) shown as given, in tickets, incidents, their
 * history and their events: one holding a phone number, an e-mail address or an ID number is
 * refused (422 `<prefix>.PERSONAL_DATA`, naming the field) rather than masked into a place nobody
 * can find.
 */
export function assertPlaceCodes(place: { readonly building?: string | null; readonly room?: string | null }, prefix: string): void {
  const field = placeFieldHoldingPersonalData(place);
  if (field) throw new DomainError(`${prefix}.PERSONAL_DATA`, 'invalid', `${field} must name a place, not hold a phone number, e-mail address or ID number`, field);
}

/**
 * A department (a ticket's or an incident's dispatch, a suggestion forwarded, an opinion asked, the
 * one a schedule dispatches each ticket to) is a code as a building is, kept as given in history,
 * events and the queues' filters: one holding a phone number, an e-mail address or an ID number is
 * refused (422 `<prefix>.PERSONAL_DATA` naming `department`, the prefix its place codes are refused
 * with). A handler is a user id, which some identity providers make a phone number: it is left as given.
 */
export function assertDepartmentCode(department: string | undefined, prefix = 'TICKET'): void {
  if (department !== undefined && codeHoldsPersonalData(department)) {
    throw new DomainError(`${prefix}.PERSONAL_DATA`, 'invalid', 'department must name a department, not hold a phone number, e-mail address or ID number', 'department');
  }
}
