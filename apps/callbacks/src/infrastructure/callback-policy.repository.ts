import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { assertExpectedVersion } from '@cs/ddd';
import { changedRows, execute, selectRow, selectRows } from '@cs/persistence';
import { CallbackPolicy, validateCallbackPolicies } from '../domain/callback-policy';

/** The policy document as stored; validated before it was written. */
const PolicyRow = Type.Object({ document: Type.Unsafe<CallbackPolicy>(Type.Object({ id: Type.String() })) });
const VersionRow = Type.Object({ version: Type.Integer() });

/** The callback policies, an ordered list replaced as a whole (order breaks ties between equally specific ones). */
@Injectable()
export class CallbackPolicyRepository {
  async list(tx: EntityManager): Promise<{ version: number; policies: CallbackPolicy[] }> {
    const rows = await selectRows(tx, PolicyRow, 'SELECT document FROM callback_policies ORDER BY position');
    const version = await selectRow(tx, VersionRow, 'SELECT version FROM callback_policies_version');
    return { version: version?.version ?? 1, policies: rows.map((r) => r.document) };
  }

  async replace(tx: EntityManager, policies: readonly CallbackPolicy[], expectedVersion: number | undefined): Promise<void> {
    validateCallbackPolicies(policies);
    const current = await selectRow(tx, VersionRow, 'SELECT version FROM callback_policies_version FOR UPDATE');
    assertExpectedVersion('CALLBACK_POLICY.VERSION_CONFLICT', 'the callback policies', current!.version, expectedVersion);
    await execute(tx, 'DELETE FROM callback_policies');
    for (const [position, policy] of policies.entries()) {
      await execute(tx, 'INSERT INTO callback_policies (id, position, document) VALUES ($1, $2, $3)', [policy.id, position, JSON.stringify(policy)]);
    }
    await changedRows(tx, VersionRow, 'UPDATE callback_policies_version SET version = version + 1 RETURNING version');
  }
}
