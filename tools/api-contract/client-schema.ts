import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildMergedDocument } from './service-documents';

// The same path whether this runs from the sources (tests) or from dist (the generate script).
const ROOT = join(__dirname, __dirname.includes('/dist/tools/') ? '../../..' : '../..');

/** Where the typed client's generated types are committed. */
export const CLIENT_SCHEMA_FILE = join(ROOT, 'libs/api-client/src/schema.d.ts');

const HEADER = [
  '// Generated from the merged OpenAPI document by `npm run api-client:generate` (ADR 0025).',
  '// Do not edit: a unit test fails when this file differs from a fresh generation.',
  '',
].join('\n');

// openapi-typescript loads ES modules that Jest's module system cannot require, so it runs in a
// plain Node process, reading the document on stdin and writing the types on stdout.
const GENERATOR = `
import openapiTS, { astToString } from 'openapi-typescript';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const ast = await openapiTS(JSON.parse(Buffer.concat(chunks).toString('utf8')), {
  // A property with a default stays optional to send, as the server fills it in.
  defaultNonNullable: false,
  alphabetize: true,
});
process.stdout.write(astToString(ast));
`;

/**
 * The document without the error examples: openapi-typescript copies each into a comment, which
 * doubled the client's size with the same few bodies; /docs shows them.
 */
function withoutErrorExamples(document: OpenAPIObject): OpenAPIObject {
  return JSON.parse(JSON.stringify(document), (key: string, value: unknown) =>
    key === 'application/problem+json' && typeof value === 'object' && value !== null
      ? Object.fromEntries(Object.entries(value).filter(([name]) => name !== 'example'))
      : value,
  ) as OpenAPIObject;
}

/** TypeScript types for a document, as openapi-typescript writes them. */
export function typesOf(document: OpenAPIObject): string {
  const types = execFileSync(process.execPath, ['--input-type=module', '--eval', GENERATOR], {
    cwd: ROOT,
    input: JSON.stringify(withoutErrorExamples(document)),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return HEADER + types;
}

/** The contents `libs/api-client/src/schema.d.ts` must have for the code as it is. */
export async function generateClientSchema(): Promise<string> {
  return typesOf(await buildMergedDocument());
}
