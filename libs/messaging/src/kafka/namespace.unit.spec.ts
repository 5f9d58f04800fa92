import { kafkaFromEnv } from './kafka-client';
import { KafkaNamespace } from './namespace';

describe('KafkaNamespace', () => {
  it('given no prefix, topics and groups keep the platform names', () => {
    const names = new KafkaNamespace();
    expect(names.topic('tickets.events.v1')).toBe('tickets.events.v1');
    expect(names.group('tickets')).toBe('tickets');
    expect(names.localTopic('tickets.events.v1')).toBe('tickets.events.v1');
  });

  it('given a prefix, every topic and group lives under it and reads back as the platform name', () => {
    const names = new KafkaNamespace('fuzz');
    expect(names.topic('tickets.events.v1')).toBe('fuzz.tickets.events.v1');
    expect(names.topic('callbacks.dlq.v1')).toBe('fuzz.callbacks.dlq.v1');
    expect(names.group('callbacks')).toBe('fuzz.callbacks');
    expect(names.localTopic('fuzz.tickets.events.v1')).toBe('tickets.events.v1');
  });

  it('leaves a topic outside its namespace as it is, so a prefix is never stripped from a name it did not add', () => {
    expect(new KafkaNamespace('fuzz').localTopic('fuzzy.tickets.events.v1')).toBe('fuzzy.tickets.events.v1');
  });
});

describe('kafkaFromEnv', () => {
  it('given KAFKA_TOPIC_PREFIX, the command-line tools work in that namespace', () => {
    const kafka = kafkaFromEnv('tool', { KAFKA_BROKERS: 'k:9092', KAFKA_TOPIC_PREFIX: 'fuzz' });
    expect(kafka.names.topic('intake.dlq.v1')).toBe('fuzz.intake.dlq.v1');
  });

  it('refuses a prefix the services would refuse', () => {
    expect(() => kafkaFromEnv('tool', { KAFKA_TOPIC_PREFIX: 'Fuzz.Run' })).toThrow('KAFKA_TOPIC_PREFIX');
  });
});
