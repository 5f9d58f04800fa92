import { MAX_ACTOR_ID_LENGTH, actorIdOf } from './actor-id';

/** A subject as some identity providers issue them: a URL naming the tenant and the user. */
const LONG_SUBJECT = 'https://idp.example.com/tenants/7f3c2a/users/00u1a2b3c4d5e6f7g8h9-property-services-east-region';

describe('the id a user acts by', () => {
  it('is their subject when it fits in 64 characters', () => {
    expect(actorIdOf('agent-7')).toBe('agent-7');
    expect(actorIdOf('u'.repeat(64))).toBe('u'.repeat(64));
  });

  it('is the documented digest of a longer subject, the same every time, within the 64 characters the events record', () => {
    // printf %s "$SUB" | openssl dgst -sha256 -binary | basenc --base64url | tr -d =
    expect(actorIdOf(LONG_SUBJECT)).toBe('sha256:8ykN23Xbl2QLlP03cXBGLTunC5WasSS6BEd5zRXLlRk');
    expect(actorIdOf(LONG_SUBJECT)).toBe(actorIdOf(LONG_SUBJECT));
    expect(actorIdOf('u'.repeat(255)).length).toBeLessThanOrEqual(MAX_ACTOR_ID_LENGTH);
    expect(actorIdOf(`${LONG_SUBJECT}-2`)).not.toBe(actorIdOf(LONG_SUBJECT));
  });

  it('of a subject shaped like a derived id is derived too, so no subject can pass for another user', () => {
    const derived = actorIdOf(LONG_SUBJECT);
    expect(actorIdOf(derived)).not.toBe(derived);
    expect(actorIdOf(derived)).toMatch(/^sha256:[A-Za-z0-9_-]{43}$/);
  });
});
