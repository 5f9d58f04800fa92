import { childContext, currentTrace, formatTraceparent, parseTraceparent, runInTrace } from './trace-context';

describe('trace context', () => {
  it('round-trips a W3C traceparent header', () => {
    const header = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const parsed = parseTraceparent(header);
    expect(parsed).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', sampled: true });
    expect(formatTraceparent(parsed!)).toBe(header);
  });

  it.each(['', 'garbage', '00-00000000000000000000000000000000-00f067aa0ba902b7-01', '01-abc-def-01'])(
    'rejects the malformed header %p',
    (header) => expect(parseTraceparent(header)).toBeUndefined(),
  );

  it('a child keeps the trace id and gets a new span id', () => {
    const parent = childContext();
    const child = childContext(parent);
    expect(child.traceId).toBe(parent.traceId);
    expect(child.spanId).not.toBe(parent.spanId);
  });

  it('ids drawn across several refills of the random pool are well-formed and all different', () => {
    const traces = Array.from({ length: 2_000 }, () => childContext());
    for (const t of traces) expect(formatTraceparent(t)).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    // Every 8 bytes drawn, in trace ids and span ids alike, are different: no byte of the pool serves twice.
    const chunks = traces.flatMap((t) => [t.traceId.slice(0, 16), t.traceId.slice(16), t.spanId]);
    expect(new Set(chunks).size).toBe(3 * traces.length);
    for (const t of traces) expect(parseTraceparent(formatTraceparent(t))).toEqual(t);
  });

  it('the current trace is visible only inside runInTrace, across awaits', async () => {
    const context = childContext();
    expect(currentTrace()).toBeUndefined();
    await runInTrace(context, async () => {
      await new Promise((r) => setTimeout(r, 1));
      expect(currentTrace()).toBe(context);
    });
  });
});
