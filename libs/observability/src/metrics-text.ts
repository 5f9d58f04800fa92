/** One sample of a metric as a service's `/metrics` shows it (read by the tests and the benchmark). */
export interface MetricSample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /(?<![a-zA-Z0-9_])([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The samples of `name` in Prometheus' text format (comments and other metrics left out). */
export function metricSamples(text: string, name: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    const [, metric, labels, value] = SAMPLE.exec(line) ?? [];
    if (metric !== name || value === undefined) continue;
    const parsed: Record<string, string> = {};
    for (const [, key, raw] of (labels ?? '').matchAll(LABEL)) parsed[key!] = raw!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    samples.push({ labels: parsed, value: Number(value) });
  }
  return samples;
}

/** A running service's `/metrics`, in Prometheus' text format: to read several metrics of one moment. */
export async function scrapeMetrics(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${baseUrl}/metrics answered ${response.status}`);
  return response.text();
}

/** A running service's samples of `name`, read from its `/metrics`. */
export async function scrapeMetric(baseUrl: string, name: string): Promise<MetricSample[]> {
  return metricSamples(await scrapeMetrics(baseUrl), name);
}

/** The sum of a metric's samples over all its labels (a counter's total across topics, say); 0 when it has none. */
export function sumOf(samples: readonly MetricSample[]): number {
  return samples.reduce((sum, s) => sum + s.value, 0);
}
