/**
 * The tables the read model is written to: the live ones, or during a rebuild the shadow ones
 * the replay fills and that replace the live ones when it has caught up.
 */
export interface ProjectionTables {
  readonly tickets: string;
  readonly callbacks: string;
  readonly grades: string;
  readonly incidents: string;
  /** What the tickets of each day add up to (ADR 0039). */
  readonly rollups: string;
  readonly durationRollups: string;
  /** What the closed tickets of each day add up to in record completeness (ADR 0074), a ledger beside `rollups`. */
  readonly recordRollups: string;
  /** What each day's tickets add up to in dispatch and on-site timeliness, a ledger of its own likewise. */
  readonly timelinessRollups: string;
}

export const LIVE_TABLES: ProjectionTables = {
  tickets: 'ticket_facts',
  callbacks: 'callback_facts',
  grades: 'ticket_contact_grades',
  incidents: 'incident_facts',
  rollups: 'ticket_rollups',
  durationRollups: 'ticket_duration_rollups',
  recordRollups: 'ticket_record_rollups',
  timelinessRollups: 'ticket_timeliness_rollups',
};
export const SHADOW_TABLES: ProjectionTables = {
  tickets: 'rebuild_ticket_facts',
  callbacks: 'rebuild_callback_facts',
  grades: 'rebuild_ticket_contact_grades',
  incidents: 'rebuild_incident_facts',
  rollups: 'rebuild_ticket_rollups',
  durationRollups: 'rebuild_ticket_duration_rollups',
  recordRollups: 'rebuild_ticket_record_rollups',
  timelinessRollups: 'rebuild_ticket_timeliness_rollups',
};
