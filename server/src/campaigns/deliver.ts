// The delivery queue of campaign offers: assignments in state `queued` whose time has come are
// claimed (FOR UPDATE SKIP LOCKED, so several server instances share the work and never
// take the same row), marked `sending` with a lease, sent one by one, and given their outcome.
//
// At most once: a row is `sending` from just before Telegram is called until its answer is
// stored. A server stopped gracefully stores the answer of the send in flight and puts the rows
// of its batch it has not sent back in the queue, so it stops within one send however large the
// batch; one killed in between leaves the row `sending`, and when its lease runs out it is
// marked failed, not sent again, since Telegram may have delivered it: a client never gets the
// same offer twice.
import type { OfferSender, SendOutcome } from '@retention/bot';
import { langOf } from '@retention/contracts';
import type { Database } from '@retention/db';
import type { DeliveryCounts } from '../lib/metrics.ts';
import { unreachable } from './reach.ts';

export interface DeliveryOptions {
  /** Rows claimed per round. */
  batch?: number;
  /** How long a claimed row may stay `sending` before it counts as interrupted. */
  leaseSeconds?: number;
  /** Attempts before a transient failure (network, 5xx) is final. */
  maxAttempts?: number;
  /** True once the server is stopping: the rows not sent yet go back in the queue. */
  stopping?: () => boolean;
}

export interface DeliveryRound extends DeliveryCounts {
  claimed: number;
}

interface Claimed {
  id: number;
  attempts: number;
  telegram_user_id: string | null;
  opted_out: boolean;
  customer_name: string | null;
  language: string | null;
  title: string;
  kind: 'discount_percent' | 'discount_amount' | 'gift';
  percent_off: number | null;
  amount_off: string | null;
  gift: string | null;
  terms: string | null;
  valid_to: Date | string;
}

/** Seconds before retrying a transient failure: 30 s doubling, at most an hour. */
export const backoffSeconds = (attempts: number) => Math.min(3600, 30 * 2 ** (attempts - 1));

/** One round: settle stale and expired rows, then claim and send a batch. */
export async function deliverDue(
  db: Database,
  sender: OfferSender,
  now: Date,
  o: DeliveryOptions = {},
): Promise<DeliveryRound> {
  // The round's clock: `now` when it began, plus the time it has run (a test's clock moves
  // the same way, so a retry is due exactly the wait after Telegram's answer).
  const began = performance.now();
  const clock = () => new Date(now.getTime() + (performance.now() - began));
  const batch = o.batch ?? 25;
  const lease = o.leaseSeconds ?? 120;
  const maxAttempts = o.maxAttempts ?? 6;
  const round: DeliveryRound = {
    claimed: 0,
    sent: 0,
    waiting: 0,
    blocked: 0,
    failed: 0,
    optedOut: 0,
    interrupted: 0,
    expired: 0,
  };
  round.interrupted = (
    await db.query(
      `UPDATE offer_assignments SET delivery_state = 'failed', next_attempt_at = NULL,
              delivery_error = 'interrupted while sending (the server stopped); not sent again, so the client cannot get it twice'
       WHERE delivery_state = 'sending' AND next_attempt_at < $1`,
      [now],
    )
  ).rowCount;
  round.expired = (
    await db.query(
      `UPDATE offer_assignments a SET delivery_state = 'failed', next_attempt_at = NULL,
              delivery_error = 'the campaign ended before the offer could be sent'
       FROM campaigns c
       WHERE c.id = a.campaign_id AND a.delivery_state = 'queued' AND c.end_at <= $1`,
      [now],
    )
  ).rowCount;
  await db.query(
    `UPDATE campaigns SET status = 'finished' WHERE status IN ('running', 'paused') AND end_at <= $1`,
    [now],
  );

  const claimed = await db.transaction(async (s) => {
    const r = await s.query<{ id: number }>(
      `UPDATE offer_assignments a
       SET delivery_state = 'sending', attempts = a.attempts + 1,
           next_attempt_at = $1::timestamptz + make_interval(secs => $2)
       WHERE a.id IN (
         SELECT q.id FROM offer_assignments q JOIN campaigns c ON c.id = q.campaign_id
         WHERE q.delivery_state = 'queued' AND q.next_attempt_at <= $1
           AND c.status = 'running' AND c.start_at <= $1 AND c.end_at > $1
         ORDER BY q.next_attempt_at, q.id
         LIMIT $3
         FOR UPDATE OF q SKIP LOCKED)
       RETURNING a.id`,
      [now, lease, batch],
    );
    return r.rows.map((x) => Number(x.id));
  });
  round.claimed = claimed.length;
  if (claimed.length === 0) return round;

  const rows = await db.query<Claimed>(
    `SELECT a.id, a.attempts, c.telegram_user_id::text, c.offers_opt_out_at IS NOT NULL AS opted_out,
            c.name AS customer_name, c.attributes->>'language' AS language,
            f.title, f.kind::text AS kind, f.percent_off, f.amount_off::text, f.gift, f.terms,
            f.valid_to
     FROM offer_assignments a JOIN customers c ON c.id = a.customer_id
     JOIN offers f ON f.id = a.offer_id
     WHERE a.id = ANY($1::int[]) ORDER BY a.id`,
    [claimed],
  );
  for (const [k, row] of rows.rows.entries()) {
    if (o.stopping?.()) {
      await requeue(
        db,
        rows.rows.slice(k).map((r) => Number(r.id)),
        clock(),
      );
      break;
    }
    const id = Number(row.id);
    const no = unreachable({ linked: row.telegram_user_id !== null, optedOut: row.opted_out });
    if (no) {
      await setState(db, id, no.state, no.reason, ', next_attempt_at = NULL');
      if (no.state === 'opted_out') round.optedOut++;
      else round.failed++;
      continue;
    }
    const outcome = await sender.send(
      Number(row.telegram_user_id),
      {
        assignmentId: id,
        title: row.title,
        kind: row.kind,
        percentOff: row.percent_off,
        amountOff: row.amount_off,
        gift: row.gift,
        terms: row.terms,
        validTo: new Date(row.valid_to),
        customerName: row.customer_name,
      },
      langOf(row.language ?? undefined),
    );
    await settle(db, id, Number(row.attempts), outcome, clock(), maxAttempts);
    if (outcome.kind === 'sent') round.sent++;
    else if (outcome.kind === 'blocked') round.blocked++;
    else if (outcome.kind === 'failed') round.failed++;
    else if (outcome.kind === 'transient' && row.attempts >= maxAttempts) round.failed++;
    else round.waiting++;
  }
  return round;
}

/** Claimed rows not sent after all: queued again, due at once, the claim's attempt undone. */
function requeue(db: Database, ids: number[], at: Date) {
  return db.query(
    `UPDATE offer_assignments
     SET delivery_state = 'queued', attempts = attempts - 1, next_attempt_at = $2
     WHERE id = ANY($1::int[]) AND delivery_state = 'sending'`,
    [ids, at],
  );
}

/** Gives a claimed row its state (only while it is still ours: `sending`). */
function setState(
  db: Database,
  id: number,
  state: string,
  error: string | null,
  extra = '',
  values: unknown[] = [],
) {
  return db.query(
    `UPDATE offer_assignments SET delivery_state = '${state}'::"DeliveryState",
            delivery_error = $2${extra}
     WHERE id = $1 AND delivery_state = 'sending'`,
    [id, error, ...values],
  );
}

/** Stores what Telegram's answer made of one claimed row. */
async function settle(
  db: Database,
  id: number,
  attempts: number,
  outcome: SendOutcome,
  at: Date,
  maxAttempts: number,
) {
  const set = (state: string, error: string | null, extra = '', values: unknown[] = []) =>
    setState(db, id, state, error, extra, values);
  switch (outcome.kind) {
    case 'sent':
      return set('sent', null, ', sent_at = $3, message_id = $4, next_attempt_at = NULL', [
        at,
        outcome.messageId,
      ]);
    case 'blocked':
      return set('blocked', outcome.reason, ', next_attempt_at = NULL');
    case 'failed':
      return set('failed', outcome.reason, ', next_attempt_at = NULL');
    case 'wait':
      // Telegram asked to wait: not a failed attempt of ours, so it does not count.
      return set('queued', outcome.reason, ', attempts = attempts - 1, next_attempt_at = $3', [
        new Date(at.getTime() + outcome.seconds * 1000),
      ]);
    case 'transient':
      if (attempts >= maxAttempts) {
        return set(
          'failed',
          `${outcome.reason} (gave up after ${attempts} attempts)`,
          ', next_attempt_at = NULL',
        );
      }
      return set('queued', outcome.reason, ', next_attempt_at = $3', [
        new Date(at.getTime() + backoffSeconds(attempts) * 1000),
      ]);
  }
}
