import type { ThrowawaySchema } from '@cs/testing';
import { CalendarStore } from '../infrastructure/calendar-store';

/** Another replica's calendar cache: it read `calendarId` just before a change, and trusts what it holds for a while yet. */
export async function cacheThatRead(db: ThrowawaySchema, calendarId: string): Promise<CalendarStore> {
  const behind = new (class extends CalendarStore {
    protected override now(): number {
      return 0;
    }
  })(db.dataSource);
  await behind.get(calendarId);
  return behind;
}
