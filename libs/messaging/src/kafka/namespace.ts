/**
 * Where the platform's topics and consumer groups live on the brokers. The platform names
 * everything by its own names (`tickets.events.v1`, group `tickets`); a deployment with a
 * prefix maps each of them to `<prefix>.<name>` here, and nowhere else, so a second copy of
 * the platform on the same brokers shares no topic, group or dead-letter topic with the first.
 */
export class KafkaNamespace {
  constructor(readonly prefix = '') {}

  /** The broker's name of a platform topic (event streams and dead-letter topics alike). */
  topic(name: string): string {
    return this.qualify(name);
  }

  /** The broker's name of a consumer group. */
  group(name: string): string {
    return this.qualify(name);
  }

  /** The platform's name of a topic read from the broker. */
  localTopic(brokerTopic: string): string {
    const head = `${this.prefix}.`;
    if (this.prefix === '' || !brokerTopic.startsWith(head)) return brokerTopic;
    return brokerTopic.slice(head.length);
  }

  private qualify(name: string): string {
    return this.prefix === '' ? name : `${this.prefix}.${name}`;
  }
}
