import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { CLIENT_SCHEMA_FILE, generateClientSchema } from './client-schema';

void generateClientSchema().then(
  (source) => {
    writeFileSync(CLIENT_SCHEMA_FILE, source);
    process.stdout.write(`wrote ${relative(process.cwd(), CLIENT_SCHEMA_FILE)}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
