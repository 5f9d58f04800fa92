// End-to-end tests start processes and stop the broker on purpose.
jest.setTimeout(240_000);
