import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { assertExpectedVersion, DomainError, presentProps } from '@cs/ddd';
import { redactOptional, redactPersonalData } from '@cs/privacy';
import { Incident, IncidentPlace, incidentNotFound } from '../domain/incident';
import { assertMayDoToIncident, canSeeIncident } from '../domain/incident-access';
import { IncidentCommandData, decideIncident, incidentAfter } from '../domain/incident-decide';
import type { Actor } from '../domain/ticket-access';
import type { SlaPolicy } from '../domain/sla-policy';
import { movedDeadlines } from '../domain/sla-timers';
import type { PlannedDeadline } from '../domain/ticket-commands';
import type { CalendarLookup } from '../domain/ticket-sla';
import type { Priority } from '../domain/ticket-lifecycle';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';
import { IncidentRepository } from '../infrastructure/incident.repository';
import { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';
import { CALENDAR_SOURCE, CalendarSource, NO_CALENDARS, countingPolicies, loadCalendars, policiesAndCalendarsOf } from './calendar-source';
import { IncidentWriter } from './incident-writer';
import { assertDepartmentCode, assertPlaceCodes } from './place-codes';

/** What a supervisor declares: the place, the catalogue item, and the public title and description. */
export interface IncidentDeclaration {
  readonly place: IncidentPlace;
  readonly itemCode: string;
  readonly title: string;
  readonly description: string;
  readonly priority: Priority;
}

/** A command on an incident that already exists, as a person asks it (texts not yet redacted). */
export type IncidentRequest = Exclude<IncidentCommandData, { readonly action: 'declare' | 'link_tickets' | 'fire_sla_timers' }>;

/**
 * Texts of incidents reach customers, history and events: no phone number, e-mail or ID number in
 * clear. A department is a code shown as given (incident.dispatched.v1, the queues): one holding
 * such data is refused instead, as a place is.
 */
function redacted(request: IncidentRequest): IncidentRequest {
  switch (request.action) {
    case 'dispatch':
      assertDepartmentCode(request.department, 'INCIDENT');
      return request;
    case 'post_update':
      return { ...request, message: redactPersonalData(request.message) };
    case 'resolve':
      return {
        ...request,
        resolution: redactPersonalData(request.resolution),
        ...(request.finalUpdate ? { finalUpdate: { ...request.finalUpdate, message: redactPersonalData(request.finalUpdate.message) } } : {}),
      };
    default:
      return request;
  }
}

/**
 * Runs one command against an incident: load it (locked) with what the decision reads, decide,
 * and save the incident, its history, its update or owed resolutions and its events together.
 */
@Injectable()
export class RunIncidentCommand {
  constructor(
    private readonly dataSource: DataSource,
    private readonly incidents: IncidentRepository,
    private readonly policies: SlaPolicyRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly writer: IncidentWriter,
    @Inject(CALENDAR_SOURCE) private readonly calendarSource: CalendarSource,
  ) {}

  async declare(actor: Actor, declaration: IncidentDeclaration, now = new Date()): Promise<Incident> {
    assertMayDoToIncident(actor, declaration.place.projectCode, 'declare');
    assertPlaceCodes(declaration.place, 'INCIDENT');
    return this.dataSource.transaction(async (tx) => {
      const data: IncidentCommandData = {
        action: 'declare',
        incidentId: randomUUID(),
        number: await this.incidents.nextNumber(tx, now),
        ...declaration,
        // Where in the project is said in words (地下车库), as a title is: redacted like it.
        place: { ...declaration.place, ...presentProps({ area: redactOptional(declaration.place.area) }) },
        title: redactPersonalData(declaration.title),
        description: redactPersonalData(declaration.description),
        policies: await countingPolicies(this.policies, this.calendarSource, tx),
        catalogue: await this.catalogue.load(tx, { lock: false }),
      };
      return this.decideAndSave(tx, undefined, data, actor.sub, now);
    });
  }

  async execute(incidentId: string, actor: Actor, request: IncidentRequest, expectedVersion?: number, now = new Date()): Promise<Incident> {
    return this.dataSource.transaction(async (tx) => {
      const before = await this.loadForChange(tx, incidentId, actor, request.action, expectedVersion);
      return this.decideAndSave(tx, before, redacted(request), actor.sub, now);
    });
  }

  /** The incident locked for a change the actor may make: 404 when they may not see it, 403 when their role may not act, 412 on a stale ETag. */
  async loadForChange(tx: EntityManager, incidentId: string, actor: Actor, action: IncidentCommandData['action'], expectedVersion?: number): Promise<Incident> {
    const before = await this.incidents.find(tx, incidentId, true);
    if (!before || !canSeeIncident(actor, before)) throw incidentNotFound(incidentId);
    assertMayDoToIncident(actor, before.place.projectCode, action);
    assertExpectedVersion('INCIDENT.VERSION_CONFLICT', 'incident', before.version, expectedVersion);
    return before;
  }

  /**
   * Decides a command on an incident the caller loaded and locked, and saves what it caused. What
   * it counts by is read as the transaction sees it: a declaration's policies with their calendars'
   * versions (countingPolicies), a change's policy and its clocks' calendars
   * (policiesAndCalendarsOf), the replica's calendar cache brought up to them first; a change made
   * through a replica whose cache read a calendar just before another replica changed it would
   * otherwise plan the incident's timers by the version before (ADR 0040).
   */
  async decideAndSave(tx: EntityManager, before: Incident | undefined, data: IncidentCommandData, by: string, now: Date): Promise<Incident> {
    // Declaring reads no calendar; its new clocks' calendars, caught up with its policies, are needed to save their deadlines.
    const counting = before ? await policiesAndCalendarsOf(this.policies, this.calendarSource, tx, [before], []) : undefined;
    const events = decideIncident({ data, metadata: { at: now, by, calendars: counting?.calendars ?? NO_CALENDARS } }, before);
    if (events instanceof DomainError) throw events;
    if (events.length === 0 && before) {
      // Timers claimed that fire nothing (their moment moved later) are planned again at their moments.
      if (data.action === 'fire_sla_timers' && counting) await this.writer.replan(tx, before, { ...policyAndCalendars(counting, before), now });
      return before;
    }
    // Events always follow a declaration or an existing incident, so there is one after them.
    const after = incidentAfter(before, events)!;
    const calendars = counting?.calendars ?? (await loadCalendars(this.calendarSource, after.clocks.map((c) => c.calendarId), tx));
    const policy = after.policyId ? (counting?.policies ?? policiesOf(data)).get(after.policyId) : undefined;
    return this.writer.save(tx, before, after, events, { action: data.action, calendars, policy, now, by });
  }

  /**
   * After a calendar change, the locked incident's timers planned again when a deadline of a running
   * clock moved from the one they were last `planned` for (the walk, ADR 0122); whether one moved.
   * Its deadlines are never stored (its view counts them), so only its timers and next deadline
   * change: no history, no event, the same version.
   */
  async recomputeDeadlines(tx: EntityManager, incident: Incident, planned: readonly PlannedDeadline[], now: Date): Promise<boolean> {
    if (incident.status !== 'open') return false;
    const counting = await policiesAndCalendarsOf(this.policies, this.calendarSource, tx, [incident], []);
    if (movedDeadlines(counting.calendars, incident.clocks, planned, now).length === 0) return false;
    await this.writer.replan(tx, incident, { ...policyAndCalendars(counting, incident), now });
    return true;
  }
}

/** The incident's policy, when it still exists, and the calendars it counts by. */
function policyAndCalendars(
  counting: { readonly policies: ReadonlyMap<string, SlaPolicy>; readonly calendars: CalendarLookup },
  incident: Incident,
): { policy: SlaPolicy | undefined; calendars: CalendarLookup } {
  return { policy: incident.policyId ? counting.policies.get(incident.policyId) : undefined, calendars: counting.calendars };
}

/** The policies a declaration chose among, by id. */
function policiesOf(data: IncidentCommandData): Map<string, SlaPolicy> {
  return new Map(data.action === 'declare' ? data.policies.map((p) => [p.id, p]) : []);
}
