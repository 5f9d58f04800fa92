import type { EntityManager } from 'typeorm';
import type { CustomerBirthdayV1, EventData, TicketResolvedV1 } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';
import type { CareOnBirthdays } from './care-on-birthdays';
import type { ScheduleAfterResolution } from './schedule-after-resolution';

/**
 * A hold told at once is logged for a transaction that may still roll back (a consumer's chunk
 * handled again, an event retried), so the handlers that can hold a callback take their
 * transaction's TellOnCommit with no default: a caller (a merge path, a replay, a test) cannot
 * leave it out. The type checker is the judge here: each call below must fail to compile.
 */
describe('what a resolution or a birthday holds is told on its transaction’s commit, by every caller', () => {
  it('Given a caller of the resolution’s or the birthday’s handler, When it leaves out the TellOnCommit, Then it does not compile', () => {
    const leavingItOut = [
      (schedule: ScheduleAfterResolution, event: DomainEvent<EventData<typeof TicketResolvedV1>>, tx: EntityManager) =>
        // @ts-expect-error the transaction's TellOnCommit has no default
        schedule.handle(event, tx),
      (birthdays: CareOnBirthdays, birthday: EventData<typeof CustomerBirthdayV1>, tx: EntityManager) =>
        // @ts-expect-error the transaction's TellOnCommit has no default
        birthdays.birthday(tx, birthday, new Date()),
    ];
    expect(leavingItOut).toHaveLength(2);
  });
});
