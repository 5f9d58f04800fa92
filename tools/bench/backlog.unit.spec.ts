import { describeCarried } from './backlog';

it('describes what each service carried a round and a transaction, a dash where it had none', () => {
  expect(
    describeCarried({
      intake: { published: 600, rounds: 250, perRound: 2.4, received: 300, transactions: 300, perTransaction: 1 },
      notifications: { published: 0, rounds: 0, perRound: null, received: 0, transactions: 0, perTransaction: null },
    }),
  ).toBe('intake 2.4 a round (250 rounds), 1 a transaction (300 transactions); notifications – a round (0 rounds), – a transaction (0 transactions)');
});
