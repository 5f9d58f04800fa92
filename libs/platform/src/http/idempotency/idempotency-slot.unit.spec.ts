import { idempotencySlot, isSealed, seal, unseal } from './idempotency-slot';

const alice = { kind: 'principal', sub: 'alice' } as const;

describe('idempotencySlot', () => {
  it('separates services, users, anonymous routes and keys, by name and by sealing key', () => {
    const slots = [
      idempotencySlot('tickets', alice, 'k1'),
      idempotencySlot('tickets', { kind: 'principal', sub: 'bob' }, 'k1'),
      idempotencySlot('intake', alice, 'k1'),
      idempotencySlot('tickets', { kind: 'anonymous', route: 'POST /webhooks/a' }, 'k1'),
      idempotencySlot('tickets', { kind: 'anonymous', route: 'POST /webhooks/b' }, 'k1'),
      idempotencySlot('tickets', alice, 'k2'),
    ];
    expect(new Set(slots.map((s) => s.redisKey)).size).toBe(slots.length);
    expect(new Set(slots.map((s) => s.sealingKey.toString('hex'))).size).toBe(slots.length);
    // The same request finds the same slot.
    expect(idempotencySlot('tickets', alice, 'k1')).toEqual(slots[0]);
  });

  it('cannot be confused by separators inside the parts', () => {
    expect(idempotencySlot('s', { kind: 'principal', sub: 'a\nb' }, 'c').redisKey).not.toBe(idempotencySlot('s', { kind: 'principal', sub: 'a' }, 'b\nc').redisKey);
    expect(idempotencySlot('s', { kind: 'principal', sub: 'a:b' }, 'c').redisKey).not.toBe(idempotencySlot('s', { kind: 'principal', sub: 'a' }, 'b:c').redisKey);
  });

  it('names its entry under the service without the key or the user in it', () => {
    const { redisKey } = idempotencySlot('intake', { kind: 'principal', sub: 'agent-007' }, 'order-4711-retry');
    expect(redisKey).toMatch(/^idempotency:intake:v2:[0-9a-f]{64}$/);
  });
});

describe('a sealed record', () => {
  const { sealingKey } = idempotencySlot('intake', alice, 'k1');

  it('reads back with its slot’s key, and holds nothing of its text in clear', () => {
    const text = JSON.stringify({ phone: '13800138000', name: '王小明' });
    const sealed = seal(sealingKey, text);
    expect(sealed).not.toContain('13800138000');
    const parsed = JSON.parse(sealed) as Record<string, unknown>;
    expect(isSealed(parsed)).toBe(true);
    if (!isSealed(parsed)) return;
    expect(unseal(sealingKey, parsed)).toBe(text);
    // A fresh IV each time: the same text never seals the same way twice.
    expect(seal(sealingKey, text)).not.toBe(sealed);
  });

  it('does not open with another slot’s key, nor once altered', () => {
    const parsed = JSON.parse(seal(sealingKey, 'answer')) as { v: number; iv: string; data: string };
    expect(() => unseal(idempotencySlot('intake', alice, 'k2').sealingKey, parsed)).toThrow();
    const data = Buffer.from(parsed.data, 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    expect(() => unseal(sealingKey, { ...parsed, data: data.toString('base64') })).toThrow();
    expect(() => unseal(sealingKey, { ...parsed, data: '' })).toThrow();
  });
});
