import { randomUUID } from 'node:crypto';
import { RetryOptions, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { loadServiceConfig } from '@cs/config';
import { KafkaNamespace, PlatformKafka } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { BRIEF_RETRY, RelayCut, TcpRelay, injectJson, runKafkaNamespace, settling } from '@cs/testing';
import { ProjectionsController } from './projections.controller';
import { reportingTestApp } from '../testing/reporting-test-app';
import { RebuildProjections } from '../application/rebuild-projections';

/**
 * Six connect retries half a second apart, without growth or jitter: 3 s at the least, still
 * outlasting the 2 s bound (a start that waited for them would answer late), and waited out at
 * each test's end 2 s sooner than BRIEF_RETRY's ten.
 */
const RETRY_PAST_THE_BOUND: RetryOptions = { ...BRIEF_RETRY, retries: 6 };

describe('POST /v1/projections/rebuild while Kafka is down', () => {
  it.each<[string, RelayCut]>([
    ['stopped', 'refuse'],
    ['silent', 'blackhole'],
  ])('%s, is answered 503 problem+json with Retry-After within 2 s, and live transactions meanwhile do not wait for Kafka', async (_, mode) => {
    // Kafka reached through a relay the test cuts: bootstrapping is all a start's reads go through it for.
    const relay = await TcpRelay.to(`kafka://${(process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092').split(',')[0]}`);
    const kafka = settling(
      new PlatformKafka(
        { brokers: [`127.0.0.1:${relay.port}`], clientId: 'rebuild-start-test', retry: RETRY_PAST_THE_BOUND, logLevel: logLevel.NOTHING },
        new KafkaNamespace(runKafkaNamespace(`rebuild-start-${randomUUID().slice(0, 8)}`)),
      ),
    );
    const config = loadServiceConfig('reporting', { NODE_ENV: 'test' });
    const reporting = await reportingTestApp(`reporting_rebuild_start_${mode}`, [], [ProjectionsController], [
      { provide: RebuildProjections, useFactory: (db: DataSource) => new RebuildProjections(db, kafka, createLogger('reporting', 'silent'), config), inject: [DataSource] },
    ]);
    const { app, db } = reporting;
    const rebuilds = app.get(RebuildProjections);
    await relay.cut(mode);
    try {
      const asked = Date.now();
      let answered = false;
      const answering = injectJson(app, 'POST', '/v1/projections/rebuild', { role: 'admin' }).finally(() => {
        answered = true;
      });
      // Consumer batches go on meanwhile: each asks whether a rebuild runs, and commits.
      while (!answered) {
        // Short of the start's wait for Kafka (1.5 s): a batch held back by the start fails instead of answering.
        const asked = await db.dataSource.transaction(async (tx) => {
          await tx.query("SET LOCAL lock_timeout = '1000ms'");
          return rebuilds.pastItsEnd(tx, [{ topic: 'tickets.events.v1', partition: 0, offset: '0' }]);
        });
        expect(asked).toEqual([]);
      }
      const answer = await answering;
      expect(Date.now() - asked).toBeLessThan(2_000);
      expect(answer.status).toBe(503);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.headers['retry-after']).toBe('5');
      expect(answer.body).toMatchObject({ status: 503, code: 'DEPENDENCY.UNAVAILABLE' });
      // Nothing was started: once Kafka is back, a start is not told one runs.
      expect(await db.dataSource.query('SELECT 1 FROM projection_rebuilds')).toEqual([]);
    } finally {
      // Refused from now on: the start's abandoned connection attempt gives up within its retries, and the test waits for it to.
      await relay.close();
      await kafka.settled();
      await reporting.close();
    }
  }, 60_000);
});
