// A saved audience's members. A live audience is its list's definition (customers-behind.ts)
// evaluated against the data and the models as they are now: before anything reads its members
// (a dashboard filter, a campaign target), they are computed again when the derived tables'
// generation or the newest segmentation or churn run changed since (the stamp). A snapshot's
// members are the ones it had when saved.
import type { ListDefinition } from '@retention/contracts';
import type { Database, Prisma } from '@retention/db';
import type { z } from 'zod';
import { behindCtes } from './customers-behind.ts';
import { latestRun } from './latest-run.ts';
import { isoOf, resolveRange } from './periods.ts';
import { resolveSelection } from './selection.ts';
import { Params } from './sql.ts';

export type AudienceList = z.infer<typeof ListDefinition>;

/** A snapshot's members never change. */
const frozen = 'snapshot';

/** What a live audience's members depend on: the data's generation and the newest model runs. */
export async function dataStamp(db: Database): Promise<string> {
  const state = await db.query<{ generation: string }>(
    'SELECT generation::text AS generation FROM analytics_state LIMIT 1',
  );
  const [segments, churn] = await Promise.all([
    latestRun(db.prisma, 'segments'),
    latestRun(db.prisma, 'churn'),
  ]);
  return `g${state.rows[0]?.generation ?? 0}.s${segments?.id ?? 0}.c${churn?.id ?? 0}`;
}

/** The list's members as SQL, in the region `scope` (null: all), with today's range. */
export async function membersQuery(
  db: Database,
  list: AudienceList,
  scope: string | null,
  today: number,
  timeZone: string,
) {
  if (list.audience !== undefined) await refreshAudience(db, list.audience, today, timeZone);
  const range = resolveRange(list, today);
  const view = { region: scope ?? list.region, scope };
  const selection = await resolveSelection(db, view, list, range, timeZone);
  const p = new Params();
  const { sql } = await behindCtes({ db, range, selection }, list, p);
  return {
    /** `$1` is the audience's id. */
    insert: (id: number) => {
      const at = p.values.length + 1;
      return {
        sql: `${sql} INSERT INTO audience_members (audience_id, customer_id)
              SELECT $${at}::int, customer_id FROM behind ON CONFLICT DO NOTHING`,
        values: [...p.values, id],
      };
    },
    /** The range as resolved today: what a snapshot records. */
    resolved: { ...list, from: isoOf(range.from), to: isoOf(range.to) },
  };
}

type Members = Awaited<ReturnType<typeof membersQuery>>;

/** Replaces the audience's members with the query's, in the caller's transaction. */
export async function writeMembers(
  tx: Prisma.TransactionClient,
  id: number,
  members: Members,
  stamp: string,
): Promise<number> {
  await tx.$executeRawUnsafe('DELETE FROM audience_members WHERE audience_id = $1', id);
  const { sql, values } = members.insert(id);
  const size = await tx.$executeRawUnsafe(sql, ...values);
  await tx.audience.update({
    where: { id },
    data: { size, evaluatedAt: new Date(), evaluatedOn: stamp },
  });
  return size;
}

/** The transaction a member write runs in: a 100,000-customer list takes seconds. */
export const membersTransaction = { timeout: 120_000, maxWait: 30_000 };

/** Evaluations in flight in this process, by audience and stamp: concurrent readers share one. */
const inFlight = new Map<string, Promise<void>>();

/**
 * Brings a live audience's members up to date: one evaluation per audience and stamp in this
 * process (the others wait for it), one at a time across processes (the row lock).
 */
export async function refreshAudience(
  db: Database,
  id: number,
  today: number,
  timeZone: string,
): Promise<void> {
  const audience = await db.prisma.audience.findUnique({ where: { id } });
  if (audience?.mode !== 'live') return;
  const stamp = await dataStamp(db);
  if (audience.evaluatedOn === stamp) return;
  const key = `${id}:${stamp}`;
  const running = inFlight.get(key);
  if (running) return running;
  const run = evaluate(db, audience, stamp, today, timeZone).finally(() => inFlight.delete(key));
  inFlight.set(key, run);
  return run;
}

async function evaluate(
  db: Database,
  audience: { id: number; definition: unknown; scopeRegion: string | null },
  stamp: string,
  today: number,
  timeZone: string,
): Promise<void> {
  const { id } = audience;
  const list = audience.definition as AudienceList;
  const members = await membersQuery(db, list, audience.scopeRegion, today, timeZone);
  await db.prisma.$transaction(async (tx) => {
    // Of two processes finding it stale, the second waits here and then finds it current.
    const locked = await tx.$queryRawUnsafe<{ evaluated_on: string }[]>(
      'SELECT evaluated_on FROM audiences WHERE id = $1 FOR UPDATE',
      id,
    );
    if (locked[0] === undefined || locked[0].evaluated_on === stamp) return;
    await writeMembers(tx, id, members, stamp);
  }, membersTransaction);
}

/** The stamp a new audience's members get. */
export const stampFor = (mode: 'live' | 'snapshot', db: Database) =>
  mode === 'live' ? dataStamp(db) : Promise.resolve(frozen);
