import { AssignerProtocol, Kafka } from 'kafkajs';
import { ServiceName } from '@cs/config';
import { adminQuery } from './database';
import { eventually } from './eventually';

/**
 * Waits until no event is in flight between the given services: every outbox is published
 * and every service's consumer group has committed up to the end of the topics it is assigned.
 * Tests that compare a count before and after one action call it first, so events left over
 * from earlier tests (or a backlog a freshly started group is still reading) cannot land in
 * between. Two clean passes in a row are required because one service's consumption can
 * produce another's outbox rows.
 */
/** A kafkajs client, with the broker's names of the platform's groups when it has a namespace (a PlatformKafka does). */
type NamespacedKafka = Kafka & { readonly names?: { group(name: string): string } };

export async function pipelineSettled(kafka: NamespacedKafka, services: readonly ServiceName[], timeoutMs = 60_000): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let cleanPasses = 0;
    await eventually(
      async () => {
        const busy = await busyParts(kafka, admin, services);
        cleanPasses = busy.length === 0 ? cleanPasses + 1 : 0;
        if (cleanPasses < 2) throw new Error(`events still in flight: ${busy.join(', ') || 'confirming'}`);
      },
      timeoutMs,
      250,
    );
  } finally {
    await admin.disconnect();
  }
}

type Admin = ReturnType<Kafka['admin']>;

/** Rows of a service's outbox the relay has not published yet. */
export async function unpublishedOutboxRows(service: ServiceName): Promise<number> {
  const [row] = await adminQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "${service}".outbox WHERE published_at IS NULL`);
  return row!.n;
}

/** Upstream first: an outbox drained before its readers' lag is measured. */
async function busyParts(kafka: NamespacedKafka, admin: Admin, services: readonly ServiceName[]): Promise<string[]> {
  const busy: string[] = [];
  for (const service of services) {
    const pending = await unpublishedOutboxRows(service);
    if (pending > 0) busy.push(`${service} outbox (${pending})`);
  }
  for (const service of services) {
    // The group's name on the broker: under the run's namespace when it has one.
    const lag = await groupLag(admin, kafka.names?.group(service) ?? service);
    if (lag > 0) busy.push(`${service} consumer (lag ${lag})`);
    if (lag < 0) busy.push(`${service} consumer (not assigned yet)`);
  }
  return busy;
}

/** Messages the group has yet to commit on its assigned topics; -1 while it has no members. */
async function groupLag(admin: Admin, groupId: string): Promise<number> {
  const { groups } = await admin.describeGroups([groupId]);
  const group = groups[0];
  if (!group || group.state !== 'Stable' || group.members.length === 0) return -1;
  const topics = new Set<string>();
  for (const member of group.members) {
    const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
    for (const topic of Object.keys(decoded?.assignment ?? {})) topics.add(topic);
  }
  if (topics.size === 0) return 0;
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  let lag = 0;
  for (const { topic, partitions } of committed) {
    const ends = await admin.fetchTopicOffsets(topic);
    for (const end of ends) {
      const done = partitions.find((p) => p.partition === end.partition);
      const from = done && Number(done.offset) >= 0 ? Number(done.offset) : Number(end.low);
      lag += Math.max(0, Number(end.high) - from);
    }
  }
  return lag;
}
