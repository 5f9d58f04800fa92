import { DEV_JWT_SECRET } from '../dev-token';
import { TEST_SECRET } from '../testing/sign';
import { createTokenVerifier } from '../token-verifier';
import { parseDevTokenArgs, runDevTokenCli } from './dev-token-cli';

async function run(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runDevTokenCli(argv, env, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

describe('dev-token CLI', () => {
  it('prints only the token, signed with the dev default secret', async () => {
    const result = await run([
      '--role', 'agent', '--role', 'supervisor', '--sub', 'u-1', '--name', '张三',
      '--permission', 'customer.pii.read', '--department', 'engineering',
      '--project', 'P001', '--project', 'P002', '--expires', '1h',
    ]);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const principal = await createTokenVerifier({ mode: 'hs256', secret: DEV_JWT_SECRET }).verify(result.stdout.trim());
    expect(principal).toEqual({
      sub: 'u-1',
      name: '张三',
      roles: ['agent', 'supervisor'],
      permissions: ['customer.pii.read'],
      department: 'engineering',
      projects: ['P001', 'P002'],
      expiresAt: expect.any(Date),
    });
    // --expires 1h: the stream a principal opens ends with its token.
    expect(Math.round((principal.expiresAt!.getTime() - Date.now()) / 60_000)).toBe(60);
  });

  it('signs with JWT_SECRET when set', async () => {
    const { stdout } = await run(['--role', 'manager'], { JWT_SECRET: TEST_SECRET });
    const verifier = createTokenVerifier({ mode: 'hs256', secret: TEST_SECRET });
    await expect(verifier.verify(stdout.trim())).resolves.toMatchObject({ roles: ['manager'] });
  });

  it.each([
    ['no role', []],
    ['an unknown role', ['--role', 'root']],
    ['an unknown flag', ['--role', 'agent', '--colour', 'blue']],
    ['a bad expiry', ['--role', 'agent', '--expires', 'tomorrow']],
  ])('fails with usage on stderr and nothing on stdout for %s', async (_case, argv) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: dev-token');
  });

  it.each([
    ['NODE_ENV=production', { NODE_ENV: 'production' }, 'NODE_ENV=production'],
    ['NODE_ENV=production with a secret and the production issuer and audience', { NODE_ENV: 'production', JWT_SECRET: TEST_SECRET, JWT_ISSUER: 'https://sso.example.test/realms/cs', JWT_AUDIENCE: 'cs-platform' }, 'NODE_ENV=production'],
    ['AUTH_MODE=jwks', { NODE_ENV: 'development', AUTH_MODE: 'jwks' }, 'AUTH_MODE=jwks'],
  ])('given %s, when asked for a token, then it mints none and says why (exit 2)', async (_case, env, named) => {
    const result = await run(['--role', 'admin'], env);

    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain(`refused with ${named}`);
    expect(result.stderr).toContain('identity provider');
  });

  it('passes JWT_ISSUER and JWT_AUDIENCE through so strict services accept the token', () => {
    expect(parseDevTokenArgs(['--role', 'agent'], { JWT_ISSUER: 'iss', JWT_AUDIENCE: 'aud' })).toEqual({
      roles: ['agent'],
      issuer: 'iss',
      audience: 'aud',
    });
  });
});
