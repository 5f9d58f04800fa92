import { metricSamples, sumOf } from './metrics-text';

const TEXT = [
  '# HELP events_consumed_total Events handled by a consumer',
  '# TYPE events_consumed_total counter',
  'events_consumed_total{type="ticket.created.v1",outcome="handled",service="reporting"} 12',
  'events_consumed_total{type="ticket.created.v1",outcome="duplicate",service="reporting"} 3',
  'events_consumed_total_created{type="x"} 1700000000',
  'outbox_events_pending{service="reporting"} 0',
  'process_start_time_seconds 1.7e9',
  'odd_total{path="a \\"quoted\\" \\\\ b"} 1',
].join('\n');

describe('metric samples', () => {
  it('given a Prometheus text, then only the samples of the metric asked for are read, with their labels and values', () => {
    expect(metricSamples(TEXT, 'events_consumed_total')).toEqual([
      { labels: { type: 'ticket.created.v1', outcome: 'handled', service: 'reporting' }, value: 12 },
      { labels: { type: 'ticket.created.v1', outcome: 'duplicate', service: 'reporting' }, value: 3 },
    ]);
  });

  it('given a metric without labels or with escaped label values, then each is read as written', () => {
    expect(metricSamples(TEXT, 'process_start_time_seconds')).toEqual([{ labels: {}, value: 1.7e9 }]);
    expect(metricSamples(TEXT, 'odd_total')).toEqual([{ labels: { path: 'a "quoted" \\ b' }, value: 1 }]);
  });

  it('given a metric the text does not hold, then there are no samples', () => {
    expect(metricSamples(TEXT, 'missing_total')).toEqual([]);
  });
});

describe('a Prometheus counter', () => {
  it('is summed over its label sets, and other metrics of a similar name are left out', () => {
    const scrape = [
      '# HELP outbox_events_published_total Events the outbox relay has published to Kafka',
      '# TYPE outbox_events_published_total counter',
      'outbox_events_published_total{topic="intake.events.v1"} 1200',
      'outbox_events_published_total{topic="customers.events.v1"} 34',
      'outbox_events_published_total_created 5',
      'outbox_events_pending 7',
    ].join('\n');
    expect(sumOf(metricSamples(scrape, 'outbox_events_published_total'))).toBe(1234);
    expect(sumOf(metricSamples('', 'outbox_events_published_total'))).toBe(0);
  });
});
