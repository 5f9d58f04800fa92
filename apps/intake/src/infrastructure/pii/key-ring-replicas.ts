import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { execute, selectRows, type Queryable } from '@cs/persistence';

/** How often a replica says which key it writes with. */
export const KEY_RING_ANNOUNCED_EVERY_MS = 15_000;
/**
 * A replica not heard from for this long is taken as gone: four announcements missed, so a
 * replica slowed by a busy database is not dropped, and a pod killed without its shutdown stops
 * holding the rotation back within a minute. Its row is pruned by the next announcement of any replica.
 */
export const KEY_RING_SILENT_AFTER_MS = 60_000;

/** A running intake replica and the key id its key ring encrypts new values with. */
export interface KeyRingReplica {
  readonly replicaId: string;
  /** The pod's host name, what an operator finds it by. */
  readonly host: string;
  readonly activeKeyId: string;
  /** How long ago it last announced, by the database's clock. */
  readonly silentForMs: number;
}

export type KeyRingAnnouncement = Pick<KeyRingReplica, 'replicaId' | 'host' | 'activeKeyId'>;

const ReplicaRow = Type.Object({ replicaId: Type.String(), host: Type.String(), activeKeyId: Type.String(), silentForMs: Type.Integer() });

/**
 * The replicas' announcements of their key rings (pii_key_ring_replicas). Times are the
 * database's, so the pods' and the Job's clocks never have to agree.
 */
@Injectable()
export class KeyRingReplicas {
  /**
   * Records that `replica` is running with its key ring, and forgets replicas long silent. A
   * silent row locked is one announcing itself (after Postgres was lost, every row is silent and
   * every replica announces at once): it is passed by, not waited for, as each statement locks its
   * own row first, and waiting for each other's was a deadlock.
   */
  async announce(db: Queryable, replica: KeyRingAnnouncement): Promise<void> {
    await execute(
      db,
      `WITH pruned AS (
         DELETE FROM pii_key_ring_replicas WHERE replica_id IN (
           SELECT replica_id FROM pii_key_ring_replicas
            WHERE seen_at < now() - make_interval(secs => $4::int / 1000.0) AND replica_id <> $1::uuid
              FOR UPDATE SKIP LOCKED)
       )
       INSERT INTO pii_key_ring_replicas (replica_id, host, active_key_id, started_at, seen_at) VALUES ($1::uuid, $2, $3, now(), now())
       ON CONFLICT (replica_id) DO UPDATE SET host = excluded.host, active_key_id = excluded.active_key_id, seen_at = excluded.seen_at`,
      [replica.replicaId, replica.host, replica.activeKeyId, KEY_RING_SILENT_AFTER_MS],
    );
  }

  /** A replica shutting down writes no more: it need not be waited for until it falls silent. */
  async withdraw(db: Queryable, replicaId: string): Promise<void> {
    await execute(db, 'DELETE FROM pii_key_ring_replicas WHERE replica_id = $1::uuid', [replicaId]);
  }

  /** The replicas heard from within KEY_RING_SILENT_AFTER_MS, by host. */
  async live(db: Queryable): Promise<KeyRingReplica[]> {
    return selectRows(
      db,
      ReplicaRow,
      `SELECT replica_id::text AS "replicaId", host, active_key_id AS "activeKeyId",
              greatest(0, floor(extract(epoch FROM now() - seen_at) * 1000))::int AS "silentForMs"
         FROM pii_key_ring_replicas
        WHERE seen_at >= now() - make_interval(secs => $1::int / 1000.0)
        ORDER BY host, replica_id`,
      [KEY_RING_SILENT_AFTER_MS],
    );
  }
}

/** The live replicas that would write new values under another key than `activeKeyId`. */
export function replicasBehind(replicas: readonly KeyRingReplica[], activeKeyId: string): KeyRingReplica[] {
  return replicas.filter((r) => r.activeKeyId !== activeKeyId);
}
