import type { TSchema } from '@sinclair/typebox';
import { ENVIRONMENT } from './environment';

export const CONFIGURATION_DOC_PATH = 'docs/configuration.md';

interface VariableSchema extends TSchema {
  readonly description?: string;
  readonly default?: unknown;
  readonly 'x-default'?: string;
  readonly 'x-secret'?: boolean;
  readonly type?: string;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
}

/** docs/configuration.md, generated from ENVIRONMENT so the table cannot drift from what is validated. */
export function renderConfigurationDoc(): string {
  const rows = Object.entries(ENVIRONMENT.properties as Record<string, VariableSchema>).map(
    ([name, schema]) => `| \`${name}\` | ${cell(defaultOf(schema))} | ${cell(allowedOf(schema))} | ${cell(schema.description ?? '')} |`,
  );
  return [
    '# Configuration',
    '',
    '<!-- Generated from libs/config/src/environment.ts by `npm run docs:config`; do not edit. -->',
    '',
    'Every environment variable a service or command-line tool reads. All are validated at start-up',
    'and every problem is reported at once; an empty value counts as unset. Secrets are never echoed',
    'in those reports.',
    '',
    '| Variable | Default | Allowed | Meaning |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

function defaultOf(schema: VariableSchema): string {
  if (schema['x-default'] !== undefined) return schema['x-default'];
  if (schema.default !== undefined) return `\`${String(schema.default)}\``;
  return '—';
}

function allowedOf(schema: VariableSchema): string {
  if (schema.type === 'integer') return `integer ${schema.minimum ?? ''}–${schema.maximum ?? ''}`;
  if (schema.enum) return schema.enum.map((value) => `\`${value}\``).join(', ');
  const secret = schema['x-secret'] ? 'secret' : 'text';
  return schema.minLength !== undefined && schema.minLength > 1 ? `${secret}, ${schema.minLength}+ characters` : secret;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}
