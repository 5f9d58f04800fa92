/** The Kafka image used where a Docker engine exists; the same version as infra/kafka/pom.xml. */
export const KAFKA_IMAGE = 'apache/kafka:3.9.2';
