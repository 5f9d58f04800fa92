import { readFileSync, writeFileSync } from 'node:fs';
import { buildAsyncApiDocument } from '../asyncapi';

/**
 * Writes the AsyncAPI document for subscribers: `npm run asyncapi -- [output file]`, from the
 * repository root. The version is the package's, read from package.json: a contracts lib takes no
 * configuration.
 */
const output = process.argv[2] ?? 'docs/asyncapi.json';
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
writeFileSync(output, JSON.stringify(buildAsyncApiDocument(version), null, 2) + '\n');
console.log(`wrote ${output}`);
