import { parseArgs } from 'node:util';
import { DEV_JWT_SECRET, signDevToken, type DevTokenInput } from '../dev-token';
import { isRole, ROLES, type Role } from '../principal';

export const DEV_TOKEN_USAGE = `Usage: dev-token --role <role> [--role <role>...] [--sub u-1] [--name 张三]
                 [--permission customer.pii.read...] [--department engineering]
                 [--project P001...] [--expires 8h]

Prints an HS256 token signed with $JWT_SECRET (default: the documented dev secret).
$JWT_ISSUER and $JWT_AUDIENCE, when set, become the iss and aud claims.
Roles: ${ROLES.join(', ')}`;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The variables the CLI reads, from @cs/config's validated environment. */
export type CliEnv = Readonly<{ JWT_SECRET?: string; JWT_ISSUER?: string; JWT_AUDIENCE?: string }>;

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
 * Only the token goes to stdout so `TOKEN=$(npm run -s token -- --role agent)` captures it;
 * everything else goes to stderr. Returns the process exit code.
 */
export async function runDevTokenCli(argv: readonly string[], env: CliEnv, io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stderr(`${DEV_TOKEN_USAGE}\n`);
    return 0;
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
