import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@cs/ddd';
import { SlaPolicy, validatePolicies } from '../domain/sla-policy';

/** The SLA policies, as an ordered list replaced as a whole (order breaks ties between equally specific policies). */
@Injectable()
export class SlaPolicyRepository {
  async list(tx: EntityManager): Promise<{ version: number; policies: SlaPolicy[] }> {
    const rows = (await tx.query('SELECT document FROM sla_policies ORDER BY position')) as { document: SlaPolicy }[];
    const [version] = (await tx.query('SELECT version FROM sla_policies_version')) as { version: number }[];
    return { version: version?.version ?? 1, policies: rows.map((r) => r.document) };
  }

  async find(tx: EntityManager, id: string | undefined): Promise<SlaPolicy | undefined> {
    if (!id) return undefined;
    const [row] = (await tx.query('SELECT document FROM sla_policies WHERE id = $1', [id])) as { document: SlaPolicy }[];
    return row?.document;
  }

  async replace(tx: EntityManager, policies: readonly SlaPolicy[], expectedVersion: number | undefined): Promise<number> {
    validatePolicies(policies);
    const [current] = (await tx.query('SELECT version FROM sla_policies_version FOR UPDATE')) as { version: number }[];
    if (expectedVersion !== undefined && current!.version !== expectedVersion) {
      throw new DomainError('SLA.VERSION_CONFLICT', 'precondition_failed', 'the SLA policies were changed by someone else; reload them');
    }
    await tx.query('DELETE FROM sla_policies');
    for (const [position, policy] of policies.entries()) {
      await tx.query('INSERT INTO sla_policies (id, position, document) VALUES ($1, $2, $3)', [policy.id, position, JSON.stringify(policy)]);
    }
    const [[updated]] = (await tx.query('UPDATE sla_policies_version SET version = version + 1 RETURNING version')) as [
      { version: number }[],
      number,
    ];
    return updated!.version;
  }
}
