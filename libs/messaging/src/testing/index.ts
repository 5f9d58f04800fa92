// The messaging lib's test support, for the suites of the libs that build on it
// (`@cs/messaging/testing`); production code never imports it (eslint.config.mjs).
export * from './consumer-testbed';
export * from './parcel-shipped';
export * from './refusing-dead-letter';
