import { parseArgs } from 'node:util';
import { DEV_JWT_SECRET, signDevToken, type DevTokenInput } from '../dev-token';
import { isRole, ROLES, type Role } from '../principal';

export const DEV_TOKEN_USAGE = `Usage: dev-token --role <role> [--role <role>...] [--sub u-1] [--name 张三]
                 [--permission customer.pii.read...] [--department engineering]
                 [--project P001...] [--expires 8h]

Prints an HS256 token signed with $JWT_SECRET (default: the documented dev secret).
$JWT_ISSUER and $JWT_AUDIENCE, when set, become the iss and aud claims.
Refused where the services verify RS256 tokens of an identity provider (NODE_ENV=production,
AUTH_MODE=jwks): no service there takes an HS256 token.
Roles: ${ROLES.join(', ')}`;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The variables the CLI reads, from @cs/config's validated environment. */
export type CliEnv = Readonly<{ NODE_ENV?: string; AUTH_MODE?: string; JWT_SECRET?: string; JWT_ISSUER?: string; JWT_AUDIENCE?: string }>;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Exported separately so argument handling is testable without minting tokens. */
export function parseDevTokenArgs(argv: readonly string[], env: CliEnv = {}): DevTokenInput {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      role: { type: 'string', short: 'r', multiple: true },
      sub: { type: 'string' },
      name: { type: 'string' },
      permission: { type: 'string', short: 'p', multiple: true },
      department: { type: 'string' },
      project: { type: 'string', multiple: true },
      expires: { type: 'string' },
    },
  });
  const roles: string[] = values.role ?? [];
  if (roles.length === 0) throw new UsageError('at least one --role is required');
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new UsageError(`unknown role(s) ${unknown.join(', ')}; use ${ROLES.join(', ')}`);
  const issuer = nonBlank(env.JWT_ISSUER);
  const audience = nonBlank(env.JWT_AUDIENCE);
  return {
    roles: roles.filter(isRole) satisfies Role[],
    ...(values.sub === undefined ? {} : { sub: values.sub }),
    ...(values.name === undefined ? {} : { name: values.name }),
    ...(values.permission === undefined ? {} : { permissions: values.permission }),
    ...(values.department === undefined ? {} : { department: values.department }),
    ...(values.project === undefined ? {} : { projects: values.project }),
    ...(values.expires === undefined ? {} : { expiresIn: values.expires }),
    ...(issuer === undefined ? {} : { issuer }),
    ...(audience === undefined ? {} : { audience }),
  };
}

/**
 * Why no token is minted in this environment, if none is: where the services verify the
 * identity provider's RS256 tokens (production always, AUTH_MODE=jwks anywhere), an HS256
 * token is refused by every one of them, so minting one there is a mistake (a shell on a
 * production pod, the production environment file sourced) to name, not a token to print.
 */
export function refusalIn(env: CliEnv): string | undefined {
  if (env.NODE_ENV === 'production') {
    return 'refused with NODE_ENV=production: production verifies RS256 tokens of the identity provider (AUTH_MODE=jwks) and takes no HS256 token; sign in there instead';
  }
  if (env.AUTH_MODE === 'jwks') {
    return 'refused with AUTH_MODE=jwks: the services verify RS256 tokens of the identity provider at JWT_JWKS_URL and take no HS256 token; use AUTH_MODE=hs256 with the same JWT_SECRET as the services';
  }
  return undefined;
}

/**
 * Only the token goes to stdout so `TOKEN=$(npm run -s token -- --role agent)` captures it;
 * everything else goes to stderr. Returns the process exit code.
 */
export async function runDevTokenCli(argv: readonly string[], env: CliEnv, io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stderr(`${DEV_TOKEN_USAGE}\n`);
    return 0;
  }
  const refusal = refusalIn(env);
  if (refusal !== undefined) {
    io.stderr(`dev-token: ${refusal}\n`);
    return 2;
  }
  try {
    const token = await signDevToken(parseDevTokenArgs(argv, env), env.JWT_SECRET ?? DEV_JWT_SECRET);
    io.stdout(`${token}\n`);
    return 0;
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`dev-token: ${message}\n\n${DEV_TOKEN_USAGE}\n`);
    return 2;
  }
}
