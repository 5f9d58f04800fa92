/** Injection token for the AuthOptions passed to AuthModule.forRoot. */
export const AUTH_OPTIONS = Symbol.for('cs.auth.options');

/** Injection token for the shared TokenVerifier (e.g. for WebSocket handshakes). */
export const TOKEN_VERIFIER = Symbol.for('cs.auth.token-verifier');
