import { rejectionOf } from './rejection';

class ProbeError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

describe('rejectionOf', () => {
  it('given a promise that rejects with the expected kind, when awaited, then the error comes back typed', async () => {
    expect((await rejectionOf(Promise.reject(new ProbeError('X.Y')), ProbeError)).code).toBe('X.Y');
  });

  it('given a promise that resolves or rejects with another kind, when awaited, then the test fails saying what happened', async () => {
    await expect(rejectionOf(Promise.resolve(1), ProbeError)).rejects.toThrow('expected a ProbeError, got no error');
    await expect(rejectionOf(Promise.reject(new TypeError('boom')), ProbeError)).rejects.toThrow('expected a ProbeError, got TypeError: boom');
  });
});
