import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { assertExpectedVersion } from '@cs/ddd';
import { changedRows, execute, selectRow, versionedListReader } from '@cs/persistence';
import { CallbackPolicy, validateCallbackPolicies } from '../domain/callback-policy';

/** The policies as stored, validated before they were written, and their version, in one statement. */
const readPolicies = versionedListReader('callback_policies', 'callback_policies_version', Type.Unsafe<CallbackPolicy>(Type.Object({ id: Type.String() })));
const VersionRow = Type.Object({ version: Type.Integer() });

/** The callback policies, an ordered list replaced as a whole (order breaks ties between equally specific ones). */
@Injectable()
export class CallbackPolicyRepository {
  async list(tx: EntityManager): Promise<{ version: number; policies: CallbackPolicy[] }> {
    const { version, documents } = await readPolicies(tx);
    return { version, policies: documents };
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
