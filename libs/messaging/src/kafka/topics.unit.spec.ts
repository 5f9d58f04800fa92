import { minInSyncReplicas } from './topics';

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
