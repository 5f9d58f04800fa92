// Proves that the architecture rules in eslint.config.mjs actually fire (see lint-probe.ts for how
// the snippets are linted).
import { LintMessage, lintSnippets } from './lint-probe';

const BOUNDARIES = '@nx/enforce-module-boundaries';
const RESTRICTED = '@typescript-eslint/no-restricted-imports';
const RESTRICTED_SYNTAX = 'no-restricted-syntax';

/** Snippets to lint, keyed by name: a repo-relative path (the file need not exist) and its code. */
const SNIPPETS = {
  appImportsOtherApp: [
    'apps/tickets/src/api/__lint_probe__.ts',
    "import { AppModule } from '../../../intake/src/app.module';\nexport const probe = AppModule;\n",
  ],
  appImportsTesting: [
    'apps/tickets/src/api/__lint_probe__.ts',
    "import * as testing from '@cs/testing';\nexport const probe = testing;\n",
  ],
  libImportsMessagingTestSupport: [
    'libs/platform/src/messaging/__lint_probe__.ts',
    "import { openConsumerTestbed } from '@cs/messaging/testing';\nexport const probe = openConsumerTestbed;\n",
  ],
  specImportsMessagingTestSupport: [
    'libs/platform/src/messaging/__lint_probe__.int.spec.ts',
    "import { openConsumerTestbed } from '@cs/messaging/testing';\nexport const probe = openConsumerTestbed;\n",
  ],
  specImportsTesting: [
    'apps/tickets/src/domain/__lint_probe__.unit.spec.ts',
    "import * as testing from '@cs/testing';\nexport const probe = testing;\n",
  ],
  domainImportsFrameworkAndIo: [
    'apps/tickets/src/domain/__lint_probe__.ts',
    [
      "import { Injectable } from '@nestjs/common';",
      "import { DataSource } from 'typeorm';",
      "import * as platform from '@cs/platform';",
      "import { TicketRecord } from '../infrastructure/ticket.record';",
      'export const probe = [Injectable, DataSource, platform, TicketRecord];',
      '',
    ].join('\n'),
  ],
  applicationImportsApi: [
    'apps/intake/src/application/__lint_probe__.ts',
    "import { ContactsController } from '../api/contacts.controller';\nexport const probe = ContactsController;\n",
  ],
  sqlInApplication: [
    'apps/intake/src/application/__lint_probe__.ts',
    "export async function probe(db: { query(sql: string): Promise<unknown> }) {\n  return db.query('SELECT 1');\n}\n",
  ],
  sqlInApi: [
    'apps/reporting/src/api/__lint_probe__.ts',
    "export async function probe(db: { query(sql: string): Promise<unknown> }) {\n  return db.query('SELECT 1');\n}\n",
  ],
  sqlInRepository: [
    'apps/intake/src/infrastructure/__lint_probe__.ts',
    "export async function probe(db: { query(sql: string): Promise<unknown> }) {\n  return db.query('SELECT 1');\n}\n",
  ],
  rowSchemaInCall: [
    'apps/intake/src/infrastructure/__lint_probe__.ts',
    [
      "import { Type } from '@sinclair/typebox';",
      "import { Queryable, checkedRows, selectRow, selectRows } from '@cs/persistence';",
      'export async function probe(db: Queryable) {',
      "  await selectRow(db, Type.Object({ id: Type.String() }), 'SELECT 1 AS id');",
      "  return checkedRows(Type.Object({ id: Type.String() }), 'SELECT 1 AS id', await selectRows(db, Type.Object({ id: Type.String() }), 'SELECT 1 AS id'));",
      '}',
      '',
    ].join('\n'),
  ],
  rowSchemaDeclaredOnce: [
    'apps/intake/src/infrastructure/__lint_probe__.ts',
    [
      "import { Type } from '@sinclair/typebox';",
      "import { Queryable, selectRows } from '@cs/persistence';",
      'const IdRow = Type.Object({ id: Type.String() });',
      'export async function probe(db: Queryable, ids: string[]) {',
      "  return selectRows(db, IdRow, 'SELECT unnest($1::text[]) AS id', [ids.map((id) => id.trim())]);",
      '}',
      '',
    ].join('\n'),
  ],
  contractsImportsTypeorm: [
    'libs/contracts/src/__lint_probe__.ts',
    "import { DataSource } from 'typeorm';\nexport const probe = DataSource;\n",
  ],
  contractsImportsDomain: [
    'libs/contracts/src/__lint_probe__.ts',
    "import { DomainError } from '@cs/ddd';\nexport const probe = DomainError;\n",
  ],
  domainLibImportsUtil: [
    'libs/ddd/src/__lint_probe__.ts',
    "import { loadServiceConfig } from '@cs/config';\nexport const probe = loadServiceConfig;\n",
  ],
  cleanDomainFile: [
    'apps/tickets/src/domain/__lint_probe__.ts',
    [
      "import { DomainError } from '@cs/ddd';",
      "import { TOPICS } from '@cs/contracts';",
      "import { formatTicketNumber } from './ticket-number';",
      'export const probe = [DomainError, TOPICS, formatTicketNumber];',
      '',
    ].join('\n'),
  ],
} satisfies Record<string, [path: string, code: string]>;

let results: Record<keyof typeof SNIPPETS, LintMessage[]>;

beforeAll(() => {
  process.env.NX_DAEMON = 'false';
  results = lintSnippets(SNIPPETS);
}, 60_000);

const ruleIds = (name: keyof typeof SNIPPETS) => results[name].map((m) => m.ruleId);

describe('architecture lint rules', () => {
  it('forbid an app from importing another app by relative path', () => {
    expect(results.appImportsOtherApp).toContainEqual(expect.objectContaining({ ruleId: BOUNDARIES, severity: 2 }));
  });

  it('forbid production code in an app from importing the testing lib', () => {
    expect(results.appImportsTesting).toContainEqual(
      expect.objectContaining({ ruleId: BOUNDARIES, message: expect.stringContaining('type:app') }),
    );
  });

  it('let tests import the testing lib', () => {
    expect(results.specImportsTesting).toEqual([]);
  });

  it('let a lib’s tests import another lib’s test support by its alias, and forbid its production code', () => {
    expect(results.specImportsMessagingTestSupport).toEqual([]);
    expect(ruleIds('libImportsMessagingTestSupport')).toEqual(['no-restricted-imports']);
  });

  it('keep framework, I/O, infrastructure libs and outer layers out of an app domain', () => {
    expect(ruleIds('domainImportsFrameworkAndIo')).toEqual([RESTRICTED, RESTRICTED, RESTRICTED, RESTRICTED]);
  });

  it('keep the api layer out of the application layer', () => {
    expect(ruleIds('applicationImportsApi')).toEqual([RESTRICTED]);
  });

  it('keep SQL out of the application and api layers, and let repositories hold it', () => {
    expect(ruleIds('sqlInApplication')).toEqual([RESTRICTED_SYNTAX]);
    expect(ruleIds('sqlInApi')).toEqual([RESTRICTED_SYNTAX]);
    expect(results.sqlInRepository).toEqual([]);
  });

  it('refuse a row schema built in the call that reads the rows, which would be compiled on every call', () => {
    expect(ruleIds('rowSchemaInCall')).toEqual([RESTRICTED_SYNTAX, RESTRICTED_SYNTAX, RESTRICTED_SYNTAX]);
    expect(results.rowSchemaDeclaredOnce).toEqual([]);
  });

  it('keep I/O clients out of the contracts lib', () => {
    expect(ruleIds('contractsImportsTypeorm')).toEqual([RESTRICTED]);
  });

  it('let contracts depend only on contracts', () => {
    expect(results.contractsImportsDomain).toContainEqual(
      expect.objectContaining({ ruleId: BOUNDARIES, message: expect.stringContaining('type:contracts') }),
    );
  });

  it('keep util libs out of a domain lib', () => {
    expect(results.domainLibImportsUtil).toContainEqual(
      expect.objectContaining({ ruleId: BOUNDARIES, message: expect.stringContaining('type:domain') }),
    );
  });

  it('accept a domain file that uses only its own layer and the allowed libs', () => {
    expect(results.cleanDomainFile).toEqual([]);
  });
});
