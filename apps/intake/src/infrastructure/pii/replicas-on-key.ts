import { setTimeout as sleep } from 'node:timers/promises';
import type { Queryable } from '@cs/persistence';
import type { Logger } from '@cs/observability';
import { replicasBehind, type KeyRingReplica, type KeyRingReplicas } from './key-ring-replicas';

/**
 * How long the rotation waits for intake's replicas to write with the active key: a roll's
 * last pods drain and withdraw within minutes, and a pod killed without withdrawing falls silent
 * within KEY_RING_SILENT_AFTER_MS.
 */
export const DEFAULT_REPLICA_WAIT_MS = 10 * 60_000;
const DEFAULT_POLL_MS = 5_000;

export interface ReplicaWait {
  /** Live replicas still writing with another key when the wait ended; empty when all write with the active key. */
  readonly behind: readonly KeyRingReplica[];
  /** Stopped by the signal before every replica wrote with the active key. */
  readonly interrupted: boolean;
}

export interface ReplicaWaitOptions {
  readonly waitMs: number;
  readonly pollMs?: number;
  readonly signal?: AbortSignal;
  readonly log: Logger;
}

/**
 * Waits, up to `waitMs`, until no replica heard from lately encrypts with a key other than
 * `activeKeyId`. A value written by such a replica after its table was passed would be left
 * under the old key; removing that key would then lose it.
 */
export async function awaitReplicasOnKey(db: Queryable, replicas: KeyRingReplicas, activeKeyId: string, options: ReplicaWaitOptions): Promise<ReplicaWait> {
  const deadline = Date.now() + options.waitMs;
  let told = '';
  for (;;) {
    const behind = replicasBehind(await replicas.live(db), activeKeyId);
    if (behind.length === 0) return { behind, interrupted: false };
    if (Date.now() >= deadline) {
      options.log.error({ event: 'pii_rotation.refused', replicasBehind: described(behind) }, 'intake replicas still write with another key; nothing re-encrypted');
      return { behind, interrupted: false };
    }
    const now = JSON.stringify(described(behind));
    // Said again only when the replicas waited for change, not at every look.
    if (now !== told) {
      options.log.warn({ event: 'pii_rotation.waiting_for_replicas', replicasBehind: described(behind), waitMs: Math.max(0, deadline - Date.now()) }, 'waiting for intake replicas to write with the active key');
      told = now;
    }
    try {
      await sleep(Math.min(options.pollMs ?? DEFAULT_POLL_MS, Math.max(0, deadline - Date.now())), undefined, { signal: options.signal });
    } catch {
      return { behind, interrupted: true };
    }
  }
}

function described(replicas: readonly KeyRingReplica[]): { host: string; activeKeyId: string; silentForMs: number }[] {
  return replicas.map(({ host, activeKeyId, silentForMs }) => ({ host, activeKeyId, silentForMs }));
}
