/**
 * The shortest consumer session the broker accepts (its group.min.session.timeout.ms, 6 s; the
 * services' default is 10 s, ADR 0052), for suites that kill a service or stop the broker. A
 * service started again after a kill -9 is ready only once its consumers have joined their
 * groups, and the join waits out the killed members' sessions; a restarted broker holds each
 * group one session long for the members lost while it was away. The same waits, 4 s shorter.
 */
export const SHORTEST_CONSUMER_SESSION: NodeJS.ProcessEnv = { CONSUMER_SESSION_TIMEOUT_MS: '6000' };
