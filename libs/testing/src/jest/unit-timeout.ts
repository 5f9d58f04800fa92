// Unit tests share the two cores with the servers' set-up that scripts/test.sh starts beside them:
// a property test that runs in 2 s alone can take twice that, past jest's own 5 s.
jest.setTimeout(30_000);
