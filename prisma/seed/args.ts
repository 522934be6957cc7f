// Command-line arguments of `npm run db:seed`, parsed without side effects so tests can call it.
import { DEFAULT_CUSTOMERS, DEFAULT_SEED } from './index.ts';

export const USAGE = 'usage: npm run db:seed -- [--customers N] [--seed S] [--replace]';
export const MIN_CUSTOMERS = 10;
export const MAX_CUSTOMERS = 1_000_000;
const MAX_SEED = 2_147_483_647; // campaigns.seed is a 32-bit integer

export interface SeedArgs {
  customers: number;
  seed: number;
  replace: boolean;
}

export type ParsedArgs = { ok: true; args: SeedArgs } | { ok: false; error: string };

function integer(flag: string, raw: string | undefined, min: number, max: number): number | string {
  if (raw === undefined || raw.startsWith('--')) return `${flag} needs a value`;
  const text = raw.replaceAll('_', '');
  if (!/^\d+$/.test(text)) return `${flag} must be a whole number, got "${raw}"`;
  const value = Number(text);
  if (value < min || value > max) {
    return `${flag} must be between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}, got ${raw}`;
  }
  return value;
}

export function parseSeedArgs(argv: string[]): ParsedArgs {
  const args: SeedArgs = { customers: DEFAULT_CUSTOMERS, seed: DEFAULT_SEED, replace: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const takeValue = () => inline ?? argv[++i];
    if (flag === '--replace' && inline === undefined) {
      args.replace = true;
    } else if (flag === '--customers') {
      const value = integer(flag, takeValue(), MIN_CUSTOMERS, MAX_CUSTOMERS);
      if (typeof value === 'string') return { ok: false, error: value };
      args.customers = value;
    } else if (flag === '--seed') {
      const value = integer(flag, takeValue(), 0, MAX_SEED);
      if (typeof value === 'string') return { ok: false, error: value };
      args.seed = value;
    } else {
      return { ok: false, error: `unknown argument "${argv[i]}"` };
    }
  }
  return { ok: true, args };
}
