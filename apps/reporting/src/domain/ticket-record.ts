/** Where a ticket's matter stands as the events told it: the facts every KPI reads. */
export interface TicketRecord {
  readonly ticketId: string;
  readonly number: string;
  readonly channel: string;
  readonly sectionCode: string | null;
  readonly itemCode: string | null;
  readonly projectCode: string | null;
  /** 首问责任人 — the agent who received the matter and owns it. */
  readonly ownerId: string;
  readonly openedAt: Date;
  readonly grade: string | null;
  readonly validity: 'valid' | 'invalid' | 'out_of_scope' | null;
  readonly department: string | null;
  readonly dispatchedAt: Date | null;
  readonly firstReplyAt: Date | null;
  /** Any reply, or an invalid / out-of-scope decision explained to the customer. */
  readonly replied: boolean;
  readonly answeredFromKnowledge: boolean;
  readonly firstResponseBreached: boolean;
  readonly resolutionBreached: boolean;
  /**
   * 转发是否及时 — whether the dispatch clock missed its deadline, as the dispatch or a breach told
   * it; null while nothing told (no clock met: none set, or an incident stands for the ticket).
   */
  readonly dispatchBreached: boolean | null;
  /** 上门 — the handler's first arrival on site, as told. */
  readonly onSiteAt: Date | null;
  /** Whether the on-site clock missed its deadline, as the arrival or a breach told it; null as for `dispatchBreached`. */
  readonly onSiteBreached: boolean | null;
  /** The latest resolution. */
  readonly resolvedAt: Date | null;
  readonly reopenedAt: Date | null;
  readonly closedAt: Date | null;
  readonly reopenCount: number;
  readonly escalationLevel: number;
  readonly majorComplaint: boolean;
  readonly extensionCount: number;
  /** 群发事件 — the incident the ticket joined: its caller is counted, its fault is the incident's. */
  readonly incidentId: string | null;
  /**
   * 处理记录是否完整 — whether the record held all it should when the ticket was last closed, as
   * the tickets service judged it; null while never closed, or closed by a release that did not judge.
   */
  readonly recordComplete: boolean | null;
}

/** 群发事件 — one fault many customers called about, as its events told it. */
export interface IncidentRecord {
  readonly incidentId: string;
  readonly number: string;
  readonly projectCode: string;
  readonly building: string | null;
  readonly sectionCode: string;
  readonly itemCode: string;
  readonly title: string;
  readonly department: string | null;
  readonly declaredAt: Date;
  readonly dispatchedAt: Date | null;
  readonly resolvedAt: Date | null;
  /** Whether a clock of the incident missed its deadline; known once it is resolved. */
  readonly breached: boolean | null;
  /** Whether its dispatch clock missed its deadline, as its dispatch or a breach told it; null while nothing told. */
  readonly dispatchBreached: boolean | null;
  /** Tickets joined to it. */
  readonly children: number;
}

/** 回访 — one callback task, as its events told it. */
export interface CallbackRecord {
  readonly callbackId: string;
  readonly ticketId: string | null;
  readonly kind: string;
  readonly projectCode: string | null;
  readonly sectionCode: string | null;
  readonly itemCode: string | null;
  /** Who does the callback: the assignee, else the ticket's owner. */
  readonly agent: string | null;
  readonly channel: string | null;
  readonly department: string | null;
  readonly dueAt: Date;
  readonly status: 'scheduled' | 'completed' | 'failed' | 'cancelled';
  readonly completedAt: Date | null;
  readonly satisfied: boolean | null;
  readonly satisfaction: string | null;
  readonly onTime: boolean | null;
  readonly attempts: number;
  readonly overdue: boolean;
}

const notReopenedSince = (at: Date | null, reopenedAt: Date | null): boolean => at !== null && (reopenedAt === null || at > reopenedAt);

/** Resolved now: resolved or closed, and not reopened since (a supervisor reopens a closed ticket too). */
export const isResolved = (t: Pick<TicketRecord, 'closedAt' | 'resolvedAt' | 'reopenedAt'>): boolean =>
  notReopenedSince(t.closedAt, t.reopenedAt) || notReopenedSince(t.resolvedAt, t.reopenedAt);

/** Closed now: closed, and not reopened since. */
export const isClosed = (t: Pick<TicketRecord, 'closedAt' | 'reopenedAt'>): boolean => notReopenedSince(t.closedAt, t.reopenedAt);

/** A major complaint (重大投诉): graded major on receipt, or escalated as one. */
export const isMajorComplaint = (t: Pick<TicketRecord, 'majorComplaint' | 'grade'>): boolean => t.majorComplaint || t.grade === 'major';
