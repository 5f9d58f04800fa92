import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertExpectedVersion } from '@cs/ddd';
import { SlaPolicy, validatePolicies } from '../domain/sla-policy';
import { Type } from '@sinclair/typebox';
import { changedRows, execute, selectRow, selectRows, versionedListReader } from '@cs/persistence';

/** The policy document as stored; validatePolicies checked it before it was written. */
const PolicyDocument = Type.Unsafe<SlaPolicy>(Type.Object({ id: Type.String() }));
const PolicyRow = Type.Object({ document: PolicyDocument });
const VersionRow = Type.Object({ version: Type.Integer() });
const PoliciesAndCalendarsRow = Type.Object({
  documents: Type.Array(PolicyDocument),
  versions: Type.Record(Type.String(), Type.Integer()),
});
const readPolicies = versionedListReader('sla_policies', 'sla_policies_version', PolicyDocument);

/** The SLA policies, as an ordered list replaced as a whole (order breaks ties between equally specific policies). */
@Injectable()
export class SlaPolicyRepository {
  async list(tx: EntityManager): Promise<{ version: number; policies: SlaPolicy[] }> {
    const { version, documents } = await readPolicies(tx);
    return { version, policies: documents };
  }

  /**
   * Every policy, in order, and the version of each calendar they name, in one round trip: what a
   * contact's ticket opens by, its calendars brought up to those versions (see
   * findAllWithCalendarVersions).
   */
  async listWithCalendarVersions(tx: EntityManager): Promise<{ policies: SlaPolicy[]; calendarVersions: Map<string, number> }> {
    const row = await selectRow(
      tx,
      PoliciesAndCalendarsRow,
      `SELECT COALESCE((SELECT json_agg(document ORDER BY position) FROM sla_policies), '[]'::json) AS documents,
              COALESCE((SELECT json_object_agg(id, version) FROM business_calendars
                         WHERE id IN (SELECT document->>'calendarId' FROM sla_policies)), '{}'::json) AS versions`,
    );
    return { policies: row?.documents ?? [], calendarVersions: new Map(Object.entries(row?.versions ?? {})) };
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

  /**
   * The policies of these ids that still exist, by id, and the version of each calendar they or
   * `calendarIds` name, in the one round trip the policies took alone: a change reads the version
   * its calendars are at in its own transaction, so a replica's cache a calendar change has not
   * reached yet is brought up to it before the change counts a deadline (CalendarStore.catchUp).
   */
  async findAllWithCalendarVersions(
    tx: EntityManager,
    ids: Iterable<string>,
    calendarIds: Iterable<string>,
  ): Promise<{ policies: Map<string, SlaPolicy>; calendarVersions: Map<string, number> }> {
    const row = await selectRow(
      tx,
      PoliciesAndCalendarsRow,
      `WITH wanted AS (SELECT document FROM sla_policies WHERE id = ANY($1::text[]))
       SELECT COALESCE((SELECT json_agg(document) FROM wanted), '[]'::json) AS documents,
              COALESCE((SELECT json_object_agg(id, version) FROM business_calendars
                         WHERE id = ANY($2::text[]) OR id IN (SELECT document->>'calendarId' FROM wanted)), '{}'::json) AS versions`,
      [[...new Set(ids)], [...new Set(calendarIds)]],
    );
    return {
      policies: new Map((row?.documents ?? []).map((d) => [d.id, d])),
      calendarVersions: new Map(Object.entries(row?.versions ?? {})),
    };
  }

  async replace(tx: EntityManager, policies: readonly SlaPolicy[], expectedVersion: number | undefined): Promise<number> {
    validatePolicies(policies);
    const current = await selectRow(tx, VersionRow, 'SELECT version FROM sla_policies_version FOR UPDATE');
    assertExpectedVersion('SLA_POLICY.VERSION_CONFLICT', 'the SLA policies', current!.version, expectedVersion);
    await execute(tx, 'DELETE FROM sla_policies');
    for (const [position, policy] of policies.entries()) {
      await execute(tx, 'INSERT INTO sla_policies (id, position, document) VALUES ($1, $2, $3)', [policy.id, position, JSON.stringify(policy)]);
    }
    const [updated] = await changedRows(tx, VersionRow, 'UPDATE sla_policies_version SET version = version + 1 RETURNING version');
    return updated!.version;
  }
}
