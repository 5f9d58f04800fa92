import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import type { Logger } from '@cs/observability';
import { DueWorkFailures, DueWorkLoop, LOGGER, SERVICE_CONFIG } from '@cs/platform';
import type { Incident } from '../domain/incident';
import { CalendarRecomputeJobRepository, calendarsChangingFor } from '../infrastructure/calendar-recompute-jobs.repository';
import { IncidentRepository } from '../infrastructure/incident.repository';
import { IncidentSlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { RunIncidentCommand } from './run-incident-command';

/**
 * 群发事件 — fires incidents' own SLA timers as tickets' are (ADR 0040): warnings, breaches
 * (escalating to the supervisors) and the manager escalation of a breach left open. A batch of
 * incidents in one transaction with their rows locked (skipping those another replica or a
 * person holds), their due timers claimed in one statement and their events written to the
 * outbox: each timer fires once across replicas and restarts. A timer planned before a calendar
 * change still walked is compared with its calendar as it stands, as a ticket's is (ADR 0122).
 */
@Injectable()
export class FireIncidentSlaTimers extends DueWorkLoop<Incident> {
  constructor(
    dataSource: DataSource,
    private readonly incidents: IncidentRepository,
    private readonly timers: IncidentSlaTimerRepository,
    private readonly walks: CalendarRecomputeJobRepository,
    private readonly run: RunIncidentCommand,
    failures: DueWorkFailures,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super('incident_sla_timers', logger, config.slaTimerPollMs, dataSource, failures);
  }

  protected candidates(db: EntityManager, now: Date, limit: number): Promise<string[]> {
    return this.timers.withDueTimers(db, now, limit);
  }

  protected lock(tx: EntityManager, ids: readonly string[], limit: number): Promise<Incident[]> {
    return this.incidents.tryLockAll(tx, ids, limit);
  }

  /** One incident after another: incidents are few, each with its few timers, unlike a burst of tickets. */
  protected async fireLocked(tx: EntityManager, incidents: readonly Incident[], now: Date): Promise<number> {
    const due = await this.timers.claimDue(tx, incidents.map((i) => i.id), now);
    if (due.size === 0) return 0;
    const walks = await this.walks.underWay(tx);
    let fired = 0;
    for (const incident of incidents) {
      const timers = due.get(incident.id);
      if (!timers) continue;
      const calendarsChanging = calendarsChangingFor(walks, incident.id, 'incident');
      await this.run.decideAndSave(tx, incident, { action: 'fire_sla_timers', timers, ...(calendarsChanging.length > 0 ? { calendarsChanging } : {}) }, 'system', now);
      fired += timers.length;
    }
    return fired;
  }
}
