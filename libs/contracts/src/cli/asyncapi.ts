import { writeFileSync } from 'node:fs';
import { buildAsyncApiDocument } from '../asyncapi';

/** Writes the AsyncAPI document for subscribers: `npm run asyncapi -- [output file]`. */
const output = process.argv[2] ?? 'docs/asyncapi.json';
writeFileSync(output, JSON.stringify(buildAsyncApiDocument(process.env['npm_package_version'] ?? '0.0.0'), null, 2) + '\n');
console.log(`wrote ${output}`);
