import { SERVICE_NAMES, ServiceName } from '@cs/config';
import { JsonResponse, ServiceProcess, callJson } from '@cs/testing';
import { ANSWER_WITHIN_MS, SeededTicket, contactBody } from './services-behind-relays';

/** A call a probe makes; `route` names it in the assertions, `path` gives it with the suite's ids. */
export interface ProbeCall {
  readonly method: 'GET' | 'POST';
  readonly route: string;
  readonly path?: () => string;
  readonly token: () => string;
  readonly body?: () => unknown;
}

/** What a suite's probes name: its own project, calendar and seeded ticket, and its tokens. */
export interface ProbeContext {
  /** Tells this suite's run apart (titles, tags). */
  readonly run: string;
  readonly project: string;
  readonly calendar: string;
  /** An agent of the project: records contacts. */
  readonly agent: () => string;
  /** Admin, supervisor and quality of the project: allowed every probe but recording contacts. */
  readonly boss: () => string;
  readonly seed: () => Pick<SeededTicket, 'customerId' | 'ticketId'>;
}

export type ProbeResponse = JsonResponse<{ code?: string; status?: string }> & { ms: number };

/**
 * A representative read and write of each service, every one of them backed by Postgres: what
 * the outage suites ask while a dependency is away and once it is back.
 */
export class ServiceProbes {
  readonly calls: Record<ServiceName, readonly [ProbeCall, ProbeCall]>;
  /** Answer titles are unique. */
  private answers = 0;

  constructor(
    private readonly services: Record<ServiceName, ServiceProcess>,
    context: ProbeContext,
  ) {
    const { run, project, calendar, agent, boss, seed } = context;
    this.calls = {
      intake: [
        { method: 'GET', route: '/v1/contacts?customerId=', path: () => `/v1/contacts?customerId=${seed().customerId}`, token: agent },
        { method: 'POST', route: '/v1/contacts', token: agent, body: () => contactBody(project) },
      ],
      tickets: [
        { method: 'GET', route: '/v1/tickets?limit=5', token: boss },
        { method: 'POST', route: '/v1/tickets/:id/replies', path: () => `/v1/tickets/${seed().ticketId}/replies`, token: boss, body: () => ({ message: '已安排维修师傅上门' }) },
      ],
      callbacks: [
        { method: 'GET', route: '/v1/callbacks', token: boss },
        {
          method: 'POST',
          route: '/v1/callback-plans',
          token: boss,
          body: () => ({
            name: '重点客户回访',
            kind: 'key_customer',
            projectCode: project,
            tags: [`vip_${run}`],
            recurrence: { every: 'month' },
            firstRunAt: new Date(Date.now() + 86_400_000).toISOString(),
            method: 'phone',
            dueWorkingDays: 2,
            calendarId: calendar,
            assignee: 'agent-rs',
          }),
        },
      ],
      knowledge: [
        { method: 'GET', route: '/v1/answers', token: boss },
        {
          method: 'POST',
          route: '/v1/answers',
          token: boss,
          body: () => ({ title: `停电通知 ${run} ${this.answers++}`, questions: ['什么时候来电'], body: '以供电局通知为准。', itemCode: 'consultation.property_service', projects: [project] }),
        },
      ],
      reporting: [
        { method: 'GET', route: '/v1/reports/summary', token: boss },
        {
          method: 'POST',
          route: '/v1/spot-checks',
          token: boss,
          body: () => ({ agent: 'agent-rs', target: { kind: 'recording', url: 'https://recordings.example.com/rs.mp3', projectCode: project }, passed: true, comments: '规范', checkedAt: new Date().toISOString() }),
        },
      ],
      notifications: [
        { method: 'GET', route: '/v1/notifications', token: boss },
        // A project with no report and a port nothing listens on: nothing is ever delivered to it.
        { method: 'POST', route: '/v1/webhook-subscriptions', token: boss, body: () => ({ name: '短信网关', url: 'http://127.0.0.1:5699/hook', eventTypes: ['report_generated'], projectCode: project }) },
      ],
    };
  }

  async send(service: ServiceName, call: ProbeCall): Promise<ProbeResponse> {
    const started = Date.now();
    const response = await callJson<{ code?: string; status?: string }>(`${this.services[service].baseUrl}${call.path?.() ?? call.route}`, {
      method: call.method,
      token: call.token(),
      ...(call.body ? { body: call.body() } : {}),
      timeoutMs: 10_000,
    });
    return { ...response, ms: Date.now() - started };
  }

  /** The service's read and write probes each succeed (and, when told, within ANSWER_WITHIN_MS). */
  async expectServed(service: ServiceName, inTime = false): Promise<void> {
    for (const call of this.calls[service]) {
      const response = await this.send(service, call);
      const answer = { service, call: call.route, ok: response.status < 300, ...(inTime ? { inTime: response.ms < ANSWER_WITHIN_MS || response.ms } : {}) };
      const expected = { service, call: call.route, ok: true, ...(inTime ? { inTime: true } : {}) };
      expect(answer.ok ? answer : { ...answer, status: response.status, body: response.body }).toEqual(expected);
    }
  }

  /** Every service's read and write probes succeed. */
  async expectEveryServed(): Promise<void> {
    for (const service of SERVICE_NAMES) await this.expectServed(service);
  }
}
