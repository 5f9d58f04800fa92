/**
 * Token signing for the test clients, loaded by the first token a suite signs: @cs/auth brings
 * Nest with its guard, which a suite calling running services never needs.
 */
export { DEV_JWT_SECRET, signDevToken } from '@cs/auth';
