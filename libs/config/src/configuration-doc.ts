import type { TSchema } from '@sinclair/typebox';
import { ENVIRONMENT } from './environment';

export const CONFIGURATION_DOC_PATH = 'docs/configuration.md';
export const OPERATIONS_DOC_PATH = 'docs/operations.md';

/** The generated part of docs/operations.md lies between these two lines; the rest is written by hand. */
export const GENERATED_BEGIN = '<!-- BEGIN generated from libs/config/src/environment.ts by `npm run docs:config`; do not edit -->';
export const GENERATED_END = '<!-- END generated -->';

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
  return [
    '# Configuration',
    '',
    '<!-- Generated from libs/config/src/environment.ts by `npm run docs:config`; do not edit. -->',
    '',
    'Every environment variable a service or command-line tool reads. All are validated at start-up',
    'and every problem is reported at once; an empty value counts as unset. Secrets are never echoed',
    'in those reports.',
    '',
    ...variableTable(),
    '',
  ].join('\n');
}

/** The table of every variable: name, default, allowed values, meaning. */
export function variableTable(): string[] {
  const rows = Object.entries(ENVIRONMENT.properties as Record<string, VariableSchema>).map(
    ([name, schema]) => `| \`${name}\` | ${cell(defaultOf(schema))} | ${cell(allowedOf(schema))} | ${cell(schema.description ?? '')} |`,
  );
  return ['| Variable | Default | Allowed | Meaning |', '|---|---|---|---|', ...rows];
}

/** docs/operations.md with its generated table replaced by the current one. */
export function withGeneratedVariables(guide: string): string {
  const begin = guide.indexOf(GENERATED_BEGIN);
  const end = guide.indexOf(GENERATED_END);
  if (begin < 0 || end < begin) throw new Error(`${OPERATIONS_DOC_PATH}: the generated block's markers are missing`);
  return guide.slice(0, begin) + [GENERATED_BEGIN, '', ...variableTable(), '', ''].join('\n') + guide.slice(end);
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
