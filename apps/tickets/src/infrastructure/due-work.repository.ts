/** The kinds of work that come due on a ticket or an incident, each fired by its own loop. */
export const DUE_WORKS = ['sla_timers', 'opinion_deadlines', 'incident_resolutions', 'incident_sla_timers'] as const;
export type DueWork = (typeof DUE_WORKS)[number];
