import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@cs/ddd';
import { SlaPolicy, validatePolicies } from '../domain/sla-policy';
import { rowsOf, run, updatedRowsOf } from './sql';

interface PolicyRow {
  document: SlaPolicy;
}

interface VersionRow {
  version: number;
}

/** The SLA policies, as an ordered list replaced as a whole (order breaks ties between equally specific policies). */
@Injectable()
export class SlaPolicyRepository {
  async list(tx: EntityManager): Promise<{ version: number; policies: SlaPolicy[] }> {
    const rows = await rowsOf<PolicyRow>(tx, 'SELECT document FROM sla_policies ORDER BY position');
    const [version] = await rowsOf<VersionRow>(tx, 'SELECT version FROM sla_policies_version');
    return { version: version?.version ?? 1, policies: rows.map((r) => r.document) };
  }

  async find(tx: EntityManager, id: string | undefined): Promise<SlaPolicy | undefined> {
    if (!id) return undefined;
    const [row] = await rowsOf<PolicyRow>(tx, 'SELECT document FROM sla_policies WHERE id = $1', [id]);
    return row?.document;
  }

  async replace(tx: EntityManager, policies: readonly SlaPolicy[], expectedVersion: number | undefined): Promise<number> {
    validatePolicies(policies);
    const [current] = await rowsOf<VersionRow>(tx, 'SELECT version FROM sla_policies_version FOR UPDATE');
    if (expectedVersion !== undefined && current!.version !== expectedVersion) {
      throw new DomainError('SLA.VERSION_CONFLICT', 'precondition_failed', 'the SLA policies were changed by someone else; reload them');
    }
    await run(tx, 'DELETE FROM sla_policies');
    for (const [position, policy] of policies.entries()) {
      await run(tx, 'INSERT INTO sla_policies (id, position, document) VALUES ($1, $2, $3)', [policy.id, position, JSON.stringify(policy)]);
    }
    const [updated] = await updatedRowsOf<VersionRow>(tx, 'UPDATE sla_policies_version SET version = version + 1 RETURNING version');
    return updated!.version;
  }
}
