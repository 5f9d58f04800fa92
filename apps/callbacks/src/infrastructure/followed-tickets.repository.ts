import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { projectCondition } from '@cs/persistence';

export interface FollowedTicket {
  readonly ticketId: string;
  readonly number: string;
  readonly status: string;
  readonly itemCode?: string;
  readonly projectCode?: string;
  readonly openedAt: Date;
}

interface FollowedTicketRow {
  ticket_id: string;
  number: string;
  status: string;
  item_code: string | null;
  project_code: string | null;
  opened_at: Date;
}

/** The callbacks service's copy of tickets, read within the caller's projects. */
@Injectable()
export class FollowedTicketsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(ticketId: string, projects: readonly string[] | undefined): Promise<FollowedTicket | undefined> {
    const params: unknown[] = [ticketId];
    const [row] = (await this.dataSource.query(
      `SELECT ticket_id, number, status, item_code, project_code, opened_at FROM followed_tickets
        WHERE ticket_id = $1 AND ${projectCondition('project_code', projects, params)}`,
      params,
    )) as FollowedTicketRow[];
    return row
      ? {
          ticketId: row.ticket_id,
          number: row.number,
          status: row.status,
          ...(row.item_code ? { itemCode: row.item_code } : {}),
          ...(row.project_code ? { projectCode: row.project_code } : {}),
          openedAt: row.opened_at,
        }
      : undefined;
  }
}
