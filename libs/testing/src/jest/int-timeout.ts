// Tests against real servers wait on consumer-group joins and broker round trips.
jest.setTimeout(60_000);
