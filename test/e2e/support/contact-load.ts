import { randomInt } from 'node:crypto';
import { adminQuery, callJson, eventually, newMobile } from '@cs/testing';

/**
 * Contacts posted at intake as a steady load while something breaks, and the checks that
 * nothing intake accepted was lost or applied twice downstream: each accepted contact is one
 * ticket (a new matter) or one follow-up of the ticket intake named, and the read models that
 * count tickets (reporting, knowledge) count each once.
 */
export interface AcceptedContact {
  readonly id: string;
  readonly route: 'new_matter' | 'follow_up';
  /** For a follow-up, the ticket intake said it joined. */
  readonly ticketId?: string;
}

/** A stretch of time, in epoch ms. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

/** A call that got no answer, and why: refused, reset, timed out. */
export interface Unanswered extends Span {
  readonly error: string;
}

/** What became of a call that got no answer, for a failure's message: the socket error's code, or a timeout. */
export function errorKind(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
  return code ?? error.name;
}

/** Whether two stretches of time have a moment in common. */
export function overlaps(a: Span, b: Span): boolean {
  return a.from <= b.to && b.from <= a.to;
}

const ITEMS = ['repair.public_area', 'complaint.service_quality', 'consultation.property_service'] as const;

export class ContactLoad {
  /** Contacts answered 201, in the order the answers came. */
  readonly accepted: AcceptedContact[] = [];
  /** Every answer's status, or 0 where no answer came (the process was gone or the call timed out). */
  readonly statuses: number[] = [];
  /** The slowest answer of each status, in ms. */
  readonly slowest = new Map<number, number>();
  /** When each call that got no answer was made and given up (epoch ms), and why. */
  readonly unanswered: Unanswered[] = [];
  /** New matters a later contact may follow up: the same phone and item while the matter is open. */
  private readonly matters: { phone: string; itemCode: string }[] = [];
  private posted = 0;

  constructor(
    private readonly intakeUrl: string,
    private readonly token: string,
    private readonly projectCode: string,
    /** Every how many contacts one repeats an earlier matter (a 催办), which intake routes as a follow-up. */
    private readonly followUpEvery = 4,
  ) {}

  /** Statuses answered, each once, sorted. */
  get distinctStatuses(): number[] {
    return [...new Set(this.statuses)].sort((a, b) => a - b);
  }

  /** Posts one contact; returns its status (0: no answer within the time a client waits). */
  async post(): Promise<number> {
    this.posted += 1;
    const repeat = this.posted % this.followUpEvery === 0 ? this.matters[randomInt(0, Math.max(1, this.matters.length))] : undefined;
    const phone = repeat?.phone ?? newMobile('135');
    const itemCode = repeat?.itemCode ?? ITEMS[this.posted % ITEMS.length]!;
    const started = Date.now();
    let status = 0;
    let failure: unknown;
    try {
      const response = await callJson<AcceptedContact>(`${this.intakeUrl}/v1/contacts`, {
        token: this.token,
        body: { channel: 'phone', content: repeat ? '上次报的事情还没处理' : '楼道灯不亮，请派人看看', itemCode, customer: { name: '压测', phone, projectCode: this.projectCode } },
        timeoutMs: 5_000,
      });
      status = response.status;
      if (status === 201) {
        const { id, route, ticketId } = response.body;
        this.accepted.push({ id, route, ...(ticketId ? { ticketId } : {}) });
        if (response.body.route === 'new_matter') this.matters.push({ phone, itemCode });
      }
    } catch (error) {
      status = 0;
      failure = error;
    }
    this.statuses.push(status);
    this.slowest.set(status, Math.max(this.slowest.get(status) ?? 0, Date.now() - started));
    if (status === 0) this.unanswered.push({ from: started, to: Date.now(), error: errorKind(failure) });
    return status;
  }

  /** `workers` clients posting one contact after another until `done()` says to stop. */
  async run(workers: number, done: () => boolean, pauseMs = 40): Promise<void> {
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (!done()) {
          await this.post();
          await new Promise((resolve) => setTimeout(resolve, pauseMs));
        }
      }),
    );
  }
}

interface Link {
  contact_id: string;
  ticket_id: string;
  kind: 'opened' | 'follow_up';
}

/**
 * Every contact intake recorded for the project (every 201 among them) is linked in tickets
 * exactly once, to the ticket intake named for it (ADR 0009), as the ticket it opened or as a
 * follow-up; and
 * each ticket's repeat-contact count equals its follow-ups, so no follow-up was applied twice.
 */
export async function expectEveryContactOnce(projectCode: string, accepted: readonly AcceptedContact[], timeoutMs = 90_000): Promise<void> {
  const recorded = await adminQuery<{ id: string; ticket_id: string; route: AcceptedContact['route'] }>(
    'SELECT id::text, ticket_id::text, route FROM intake.contacts WHERE project_code = $1',
    [projectCode],
  );
  const byId = new Map(recorded.map((c) => [c.id, c]));
  for (const contact of accepted) {
    const { id, route, ticket_id } = byId.get(contact.id) ?? {};
    expect({ id, route, ticketId: contact.ticketId && ticket_id }).toEqual(contact);
  }

  await eventually(async () => {
    const links = await adminQuery<Link>('SELECT contact_id::text, ticket_id::text, kind FROM tickets.ticket_contacts WHERE contact_id = ANY($1::uuid[])', [
      [...byId.keys()],
    ]);
    const missing = recorded.filter((c) => !links.some((l) => l.contact_id === c.id)).map((c) => c.id);
    expect({ missing }).toEqual({ missing: [] });
    const wrong = links.filter((l) => {
      const contact = byId.get(l.contact_id)!;
      return l.ticket_id !== contact.ticket_id || l.kind !== (contact.route === 'new_matter' ? 'opened' : 'follow_up');
    });
    expect(wrong).toEqual([]);
  }, timeoutMs, 500);

  const counts = await adminQuery<{ id: string; repeat_contact_count: number; follow_ups: number }>(
    `SELECT t.id::text, t.repeat_contact_count, count(c.contact_id) FILTER (WHERE c.kind = 'follow_up')::int AS follow_ups
       FROM tickets.tickets t LEFT JOIN tickets.ticket_contacts c ON c.ticket_id = t.id
      WHERE t.project_code = $1 GROUP BY t.id`,
    [projectCode],
  );
  expect(counts.filter((t) => t.repeat_contact_count !== t.follow_ups)).toEqual([]);
  expect(counts).toHaveLength(recorded.filter((c) => c.route === 'new_matter').length);
}

/** Tickets of the project, as the tickets service holds them. */
export async function ticketsOfProject(projectCode: string): Promise<number> {
  const [row] = await adminQuery<{ n: number }>('SELECT count(*)::int AS n FROM tickets.tickets WHERE project_code = $1', [projectCode]);
  return row!.n;
}

/**
 * Reporting's summary (a token scoped to the project) and knowledge's demand count each of the
 * project's tickets once: neither read model lost a ticket.created nor applied one twice.
 */
export async function expectReadModelsCountEachTicketOnce(reportingUrl: string, scopedToken: string, projectCode: string, timeoutMs = 60_000): Promise<void> {
  const truth = await ticketsOfProject(projectCode);
  await eventually(async () => {
    const summary = await callJson<{ ticketsOpened: number; byProject: Record<string, number> }>(`${reportingUrl}/v1/reports/summary`, { token: scopedToken });
    expect(summary.status).toBe(200);
    // Demand is appended per ticket and folded into one row per item by a loop: both tables hold counts.
    const [demand] = await adminQuery<{ n: number }>(
      `SELECT coalesce(sum(tickets), 0)::int AS n
         FROM (SELECT project_code, tickets FROM knowledge.item_demand UNION ALL SELECT project_code, tickets FROM knowledge.item_demand_appended) d
        WHERE project_code = $1`,
      [projectCode],
    );
    expect({ reporting: summary.body.byProject[projectCode] ?? 0, knowledge: demand!.n }).toEqual({ reporting: truth, knowledge: truth });
  }, timeoutMs, 500);
}
