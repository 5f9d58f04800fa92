import { minInSyncReplicas, topicMinInSyncReplicas } from './topics';

describe('the replicas a topic needs in sync before a record is acknowledged', () => {
  it.each([
    [1, 1],
    [2, 1],
    [3, 2],
    [4, 3],
    [5, 3],
  ])('at replication factor %i: %i, a majority that one broker lost leaves publishing', (replicationFactor, expected) => {
    expect(minInSyncReplicas(replicationFactor)).toBe(expected);
  });
});

describe('the min.insync.replicas written on a new topic', () => {
  it.each([
    [1, 1],
    [2, 1],
    [2, 2],
    [2, undefined],
  ])('at replication factor %i with a broker default of %p: none, the broker’s default kept', (replicationFactor, brokerDefault) => {
    // Given brokers whose default the platform's majority does not raise
    // When a topic of that replication factor is created
    // Then it carries no value of its own
    expect(topicMinInSyncReplicas(replicationFactor, brokerDefault)).toBeUndefined();
  });

  it.each([
    [3, 1, 2],
    [3, undefined, 2],
    [5, 2, 3],
  ])('at replication factor %i with a broker default of %p: %i, raising it', (replicationFactor, brokerDefault, expected) => {
    expect(topicMinInSyncReplicas(replicationFactor, brokerDefault)).toBe(expected);
  });

  it.each([
    [3, 2],
    [3, 3],
    [5, 4],
  ])('at replication factor %i with a stricter broker default of %i: none, the operator’s default kept', (replicationFactor, brokerDefault) => {
    expect(topicMinInSyncReplicas(replicationFactor, brokerDefault)).toBeUndefined();
  });

  it.each([
    [1, 2, 1],
    [1, 3, 1],
    [2, 3, 1],
    [3, 4, 2],
    [1, undefined, 1],
  ])('at replication factor %i with a broker default of %p, more replicas than it has or unknown at one replica: %i, so that acks=all can be answered', (replicationFactor, brokerDefault, expected) => {
    // Given brokers whose default asks for more replicas in sync than the topic will have
    // When a topic of that replication factor is created
    // Then it carries the platform's majority, not a default no write could meet
    expect(topicMinInSyncReplicas(replicationFactor, brokerDefault)).toBe(expected);
  });
});
