import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ServiceProcess, devToken, prepareDatabaseAndTopics } from '@cs/testing';

/**
 * What a front-end developer runs first, run here against a gateway of the test's own: the
 * compiled agent-flow example of the typed client, and the README's "Calling the API" commands
 * as written (only the gateway's address differs).
 */
const run = promisify(execFile);
const ROOT = join(__dirname, '../..');
const intake = new ServiceProcess('intake', 4411);
const tickets = new ServiceProcess('tickets', 4412);
const reporting = new ServiceProcess('reporting', 4415);
const gateway = new ServiceProcess('gateway', 4410, {
  UPSTREAM_INTAKE_URL: intake.baseUrl,
  UPSTREAM_TICKETS_URL: tickets.baseUrl,
  UPSTREAM_REPORTING_URL: reporting.baseUrl,
  DEV_TOKENS_ENABLED: 'true',
});

/** The first bash block after a README heading. */
function readmeCommands(heading: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(`## ${heading}`));
  const match = /```bash\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error(`no bash block under "${heading}" in README.md`);
  return match[1];
}

beforeAll(async () => {
  await prepareDatabaseAndTopics(['intake', 'tickets', 'reporting']);
  await Promise.all([intake.start(), tickets.start(), reporting.start()]);
  await gateway.start();
});

afterAll(async () => {
  await gateway.stop();
  await Promise.all([intake.stop(), tickets.stop(), reporting.stop()]);
});

describe('the typed client’s agent-flow example, compiled', () => {
  it('records a contact, waits for its ticket, dispatches, replies and resolves it through the gateway', async () => {
    const token = await devToken({ roles: 'agent', sub: 'agent-example', projects: ['P001'] });
    const { stdout } = await run(process.execPath, [join(ROOT, 'dist/libs/api-client/examples/agent-flow.js'), gateway.baseUrl, token], {
      timeout: 60_000,
    });
    expect(stdout).toMatch(/^ticket \S+ is resolved\n$/);
  });

  it('says how it is called, and exits 2, without an address and a token', async () => {
    await expect(run(process.execPath, [join(ROOT, 'dist/libs/api-client/examples/agent-flow.js')])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: agent-flow.js'),
    });
  });
});

describe('the README’s "Calling the API"', () => {
  it('runs as written: a token, a contact, its ticket and the figures', async () => {
    const commands = readmeCommands('Calling the API').replaceAll('http://127.0.0.1:3000', gateway.baseUrl);
    expect(commands).toContain(gateway.baseUrl);
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', commands], { cwd: ROOT, timeout: 60_000 });
    const [contactLine, ticketsLine, figuresLine] = stdout.trim().split('\n');
    expect(contactLine).toMatch(/^contact [0-9a-f-]{36}$/);
    // Listed by the contact's id: its new ticket, or the open one it followed up (the same phone
    // about the same item, as the README says, e.g. after the agent-flow example above).
    const page = JSON.parse(ticketsLine!) as { items: { id: string }[] };
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(figuresLine!)).toEqual(expect.any(Object));
  });
});
