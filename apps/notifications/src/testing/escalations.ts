import { randomUUID } from 'node:crypto';
import type { Alert } from '../domain/notification';

/** `count` major complaints of `projectCode` escalated to its supervisors at `at`, each its own event, as the tickets service sends them. */
export function supervisorEscalations(count: number, projectCode: string, at: Date): { eventId: string; alert: Extract<Alert, { type: 'ticket.escalated.v1' }> }[] {
  return Array.from({ length: count }, () => ({
    eventId: randomUUID(),
    alert: {
      type: 'ticket.escalated.v1' as const,
      data: {
        ticketId: randomUUID(),
        number: 'TK-20261204-000001',
        customerId: randomUUID(),
        status: 'dispatched' as const,
        itemCode: 'complaint.construction_quality',
        projectCode,
        at: at.toISOString(),
        by: 'system',
        level: 1 as const,
        reason: 'major_complaint' as const,
        notify: { roles: ['supervisor' as const], projectCode, userIds: [] },
      },
    },
  }));
}
