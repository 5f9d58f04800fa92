import { Client } from 'pg';

/** Postgres's WAL counters at a reading (`pg_stat_wal`, the whole server's). */
export interface WalReading {
  readonly records: number;
  /** Records carrying a page's full image: a page's first change after a checkpoint began. */
  readonly fullPageImages: number;
  readonly bytes: number;
  /** `performance.now()` at the reading. */
  readonly atMs: number;
}

/** What the WAL carried between two readings. */
export interface WalBetween {
  readonly mibPerSecond: number;
  readonly fullPageImagesPerSecond: number;
  /** Of the records written, the share that carried a full page image, in %. */
  readonly fullPageImageShare: number;
}

/** The settings that decide how much WAL a load writes and how often a checkpoint starts the full page images again. */
export const WAL_SETTINGS = ['max_wal_size', 'checkpoint_timeout', 'checkpoint_completion_target', 'wal_compression', 'full_page_writes', 'shared_buffers'] as const;

export function walBetween(from: WalReading, to: WalReading): WalBetween {
  const seconds = (to.atMs - from.atMs) / 1000;
  const records = to.records - from.records;
  const images = to.fullPageImages - from.fullPageImages;
  const round1 = (n: number) => Math.round(n * 10) / 10;
  return {
    mibPerSecond: seconds > 0 ? round1((to.bytes - from.bytes) / 1_048_576 / seconds) : 0,
    fullPageImagesPerSecond: seconds > 0 ? Math.round(images / seconds) : 0,
    fullPageImageShare: records > 0 ? round1((100 * images) / records) : 0,
  };
}

export async function readWal(databaseUrl: string): Promise<WalReading> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ records: string; images: string; bytes: string }>(
      'SELECT wal_records AS records, wal_fpi AS images, wal_bytes AS bytes FROM pg_stat_wal',
    );
    const row = rows[0];
    if (!row) throw new Error('pg_stat_wal returned no row');
    return { records: Number(row.records), fullPageImages: Number(row.images), bytes: Number(row.bytes), atMs: performance.now() };
  });
}

/** Each of `WAL_SETTINGS` as the server runs it, as Postgres shows it (`1GB`, `5min`, `128MB`). */
export async function walSettings(databaseUrl: string): Promise<Record<string, string>> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ name: string; value: string }>(
      // Not `setting || unit`: some units are multiples (shared_buffers counts 8 kB blocks).
      `SELECT name, current_setting(name) AS value FROM pg_settings WHERE name = ANY($1) ORDER BY name`,
      [WAL_SETTINGS],
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.value]));
  });
}

async function withClient<T>(databaseUrl: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
