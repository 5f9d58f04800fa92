import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@cs/ddd';
import { SlaPolicy, validatePolicies } from '../domain/sla-policy';
import { Type } from '@sinclair/typebox';
import { changedRows, execute, selectRow, selectRows } from '@cs/persistence';

/** The policy document as stored; validatePolicies checked it before it was written. */
const PolicyRow = Type.Object({ document: Type.Unsafe<SlaPolicy>(Type.Object({ id: Type.String() })) });
const VersionRow = Type.Object({ version: Type.Integer() });
const PoliciesRow = Type.Object({
  version: Type.Union([Type.Integer(), Type.Null()]),
  documents: Type.Array(Type.Unsafe<SlaPolicy>(Type.Object({ id: Type.String() }))),
});

/** The SLA policies, as an ordered list replaced as a whole (order breaks ties between equally specific policies). */
@Injectable()
export class SlaPolicyRepository {
  async list(tx: EntityManager): Promise<{ version: number; policies: SlaPolicy[] }> {
    // One round trip: every ticket opened reads them.
    const row = await selectRow(
      tx,
      PoliciesRow,
      `SELECT (SELECT version FROM sla_policies_version) AS version,
              COALESCE((SELECT json_agg(document ORDER BY position) FROM sla_policies), '[]'::json) AS documents`,
    );
    return { version: row?.version ?? 1, policies: row?.documents ?? [] };
  }

  async find(tx: EntityManager, id: string | undefined): Promise<SlaPolicy | undefined> {
    return id ? (await this.findAll(tx, [id])).get(id) : undefined;
  }

  /** The policies of these ids that still exist, by id, in one round trip. */
  async findAll(tx: EntityManager, ids: Iterable<string>): Promise<Map<string, SlaPolicy>> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Map();
    const rows = await selectRows(tx, PolicyRow, 'SELECT document FROM sla_policies WHERE id = ANY($1::text[])', [wanted]);
    return new Map(rows.map((r) => [r.document.id, r.document]));
  }

  async replace(tx: EntityManager, policies: readonly SlaPolicy[], expectedVersion: number | undefined): Promise<number> {
    validatePolicies(policies);
    const current = await selectRow(tx, VersionRow, 'SELECT version FROM sla_policies_version FOR UPDATE');
    if (expectedVersion !== undefined && current!.version !== expectedVersion) {
      throw new DomainError('SLA_POLICY.VERSION_CONFLICT', 'precondition_failed', 'the SLA policies were changed by someone else; reload them');
    }
    await execute(tx, 'DELETE FROM sla_policies');
    for (const [position, policy] of policies.entries()) {
      await execute(tx, 'INSERT INTO sla_policies (id, position, document) VALUES ($1, $2, $3)', [policy.id, position, JSON.stringify(policy)]);
    }
    const [updated] = await changedRows(tx, VersionRow, 'UPDATE sla_policies_version SET version = version + 1 RETURNING version');
    return updated!.version;
  }
}
