/**
 * What one event changes in a ticket's facts. Each kind of change gives the same row when
 * applied again, so a redelivered or replayed event changes nothing:
 * `set` overwrites, `latest` and `raise` keep the highest, `first` keeps the earliest, `flag` only
 * turns on, `verdict` keeps a breach over an on-time verdict, `closedRecord` is kept from the latest close — so the
 * order events are applied in matters only for `set`.
 */
export interface TicketChange {
  readonly set?: Partial<{
    /** null: a judgement withdrawn (a reopening, ADR 0166), counted in none of the three. */
    validity: 'valid' | 'invalid' | 'out_of_scope' | null;
    department: string;
    itemCode: string;
    sectionCode: string;
    projectCode: string;
    incidentId: string;
  }>;
  readonly latest?: Partial<{ resolvedAt: string; reopenedAt: string; closedAt: string }>;
  readonly first?: Partial<{ dispatchedAt: string; firstReplyAt: string; onSiteAt: string }>;
  readonly raise?: Partial<{ extensionCount: number; reopenCount: number; escalationLevel: number }>;
  /** A close's verdict on the record: the latest close's counts (`complete` null when it gave none). */
  readonly closedRecord?: { readonly at: string; readonly complete: boolean | null };
  readonly flag?: Partial<{
    replied: boolean;
    answeredFromKnowledge: boolean;
    firstResponseBreached: boolean;
    resolutionBreached: boolean;
    majorComplaint: boolean;
  }>;
  /** 转发 / 上门 timeliness: whether the clock an event met, or one that ran out, missed its deadline. */
  readonly verdict?: Partial<{ dispatchBreached: boolean; onSiteBreached: boolean }>;
}

/** The catalogue section of an item code (`repair.public_area` → `repair`). */
export const sectionOf = (itemCode: string): string => itemCode.split('.')[0] ?? itemCode;

/** What every callback event says of the task itself. */
export interface CallbackIdentity {
  readonly callbackId: string;
  readonly ticketId?: string;
  readonly kind?: string;
  readonly projectCode?: string;
  readonly sectionCode?: string;
  readonly itemCode?: string;
  readonly assignee?: string;
  readonly dueAt?: string;
}

/** Same idempotence rules as for tickets; a final status (completed, failed, cancelled) is never undone by `scheduled`. */
export interface CallbackChange {
  readonly status?: 'scheduled' | 'completed' | 'failed' | 'cancelled';
  readonly completedAt?: string;
  readonly satisfied?: boolean;
  readonly satisfaction?: string;
  readonly onTime?: boolean;
  readonly attempts?: number;
  readonly overdue?: boolean;
}
