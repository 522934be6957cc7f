// The apikey commands, apart from the process (apikey.ts opens the database and exits),
// so tests run them over a test database in-process.
import { parseArgs } from 'node:util';
import type { PrismaClient } from '@retention/db';
import { type ApiKeyInfo, createApiKey, listApiKeys, revokeApiKey } from '../auth/api-keys.ts';
import { AppError } from '../errors.ts';

export const usage = `usage: npm run apikey -- create --name NAME
       npm run apikey -- list
       npm run apikey -- revoke --name NAME`;

export class UsageError extends Error {}

export type ApiKeyCommand = { command: 'create' | 'revoke'; name: string } | { command: 'list' };

export function parseApiKeyArgs(argv: string[]): ApiKeyCommand {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  const options = { name: { type: 'string' } } as const;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const [command, ...extra] = parsed.positionals;
  const name = parsed.values.name;
  if (!command) throw new UsageError('give a command');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (command === 'create' || command === 'revoke') {
    if (!name) throw new UsageError(`${command} needs --name NAME`);
    return { command, name };
  }
  if (command !== 'list') throw new UsageError(`unknown command "${command}"`);
  if (name !== undefined) throw new UsageError('list takes no --name');
  return { command };
}

export interface CliOutput {
  /** Results (the new key alone, the list). */
  out(line: string): void;
  /** Messages for the person at the terminal. */
  err(line: string): void;
}

const minute = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '-');
const row = (cells: string[]) => cells.map((c, i) => (i < 4 ? c.padEnd(18) : c)).join(' ');

function printList(keys: ApiKeyInfo[], io: CliOutput) {
  if (keys.length === 0) {
    io.err('no API keys yet; create one with: npm run apikey -- create --name NAME');
    return;
  }
  io.out(row(['name', 'key', 'created (UTC)', 'last used (UTC)', 'status']));
  for (const k of keys) {
    const status = k.revokedAt ? `revoked ${minute(k.revokedAt)}` : 'active';
    io.out(row([k.name, `rdk_${k.prefix}_…`, minute(k.createdAt), minute(k.lastUsedAt), status]));
  }
}

/** Runs one command; returns the exit code (1 for a taken name or an unknown key). */
export async function runApiKeyCommand(
  prisma: PrismaClient,
  cmd: ApiKeyCommand,
  io: CliOutput,
): Promise<number> {
  const actor = { actorRole: 'cli' };
  try {
    if (cmd.command === 'create') {
      const { key, info } = await createApiKey(prisma, { name: cmd.name, ...actor });
      io.err(`API key "${info.name}" created. It is shown this once; store it now:`);
      io.out(key);
    } else if (cmd.command === 'revoke') {
      const { info, changed } = await revokeApiKey(prisma, { name: cmd.name, ...actor });
      io.out(changed ? `"${info.name}" revoked` : `"${info.name}" was already revoked`);
    } else {
      printList(await listApiKeys(prisma), io);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    io.err(`apikey: ${err.message}`);
    return 1;
  }
}
