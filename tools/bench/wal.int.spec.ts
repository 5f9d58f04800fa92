import { randomUUID } from 'node:crypto';
import { adminQuery, adminUrl } from '@cs/testing';
import { WAL_SETTINGS, readWal, walSettings } from './wal';

describe('Postgres’s WAL as a soak reads it', () => {
  it('given rows written between two readings, when read, then the WAL’s records and bytes grew', async () => {
    const table = `wal_reading_${randomUUID().slice(0, 8)}`;
    const before = await readWal(adminUrl());
    await adminQuery(`CREATE TABLE ${table} AS SELECT generate_series(1, 1000) AS n`);

    const after = await readWal(adminUrl());
    await adminQuery(`DROP TABLE ${table}`);

    expect(after.records).toBeGreaterThan(before.records);
    expect(after.bytes).toBeGreaterThan(before.bytes);
    expect(after.atMs).toBeGreaterThan(before.atMs);
  });

  it('gives every setting it names as Postgres shows it, a multiple unit such as shared_buffers’ 8 kB blocks read out', async () => {
    const settings = await walSettings(adminUrl());

    expect(Object.keys(settings).sort()).toEqual([...WAL_SETTINGS].sort());
    const [{ shown }] = await adminQuery<{ shown: string }>("SELECT current_setting('shared_buffers') AS shown");
    expect(settings['shared_buffers']).toBe(shown);
    expect(settings['shared_buffers']).toMatch(/^\d+(kB|MB|GB)$/);
  });
});
