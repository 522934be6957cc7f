// The Prometheus instruments of one app instance, on a registry of its own (tests build
// many apps in one process; a global registry would mix them and refuse duplicate names).
// Names and labels are listed in server/README.md ("Observability").
import type { Database } from '@retention/db';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export type Outcome = 'ok' | 'error';

/** Seconds: from a fast request to a slow job. */
const requestBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const jobBuckets = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600];

/** What a delivery round did with the offers it claimed, by outcome. */
export interface DeliveryCounts {
  sent: number;
  waiting: number;
  blocked: number;
  failed: number;
  optedOut: number;
  interrupted: number;
  expired: number;
}

export interface IngestCounts {
  accepted: number;
  stored: number;
  duplicates: number;
  /** Items refused (one per index in errors). */
  rejected: number;
}

export class AppMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route template ("unmatched" when no route) and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: requestBuckets,
    registers: [this.registry],
  });

  readonly trainingJobs = new Histogram({
    name: 'training_job_duration_seconds',
    help: 'Model training jobs run by this server, by model kind and outcome',
    labelNames: ['kind', 'outcome'] as const,
    buckets: jobBuckets,
    registers: [this.registry],
  });

  readonly analyticsRefreshes = new Histogram({
    name: 'analytics_refresh_duration_seconds',
    help: 'Refreshes of the derived analytics tables, by mode (none, deferred, incremental, full) and outcome',
    labelNames: ['mode', 'outcome'] as const,
    buckets: jobBuckets,
    registers: [this.registry],
  });

  readonly deliveryRounds = new Histogram({
    name: 'delivery_round_duration_seconds',
    help: 'Campaign offer delivery rounds, by outcome',
    labelNames: ['outcome'] as const,
    buckets: jobBuckets,
    registers: [this.registry],
  });

  readonly deliveryOffers = new Counter({
    name: 'delivery_offers_total',
    help: 'Offers handled by delivery rounds, by outcome (sent, waiting, blocked, failed, opted_out, interrupted, expired)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly alertsTicks = new Histogram({
    name: 'alerts_tick_duration_seconds',
    help: 'Digest and alert scheduler ticks, by outcome',
    labelNames: ['outcome'] as const,
    buckets: jobBuckets,
    registers: [this.registry],
  });

  readonly alertsSent = new Counter({
    name: 'alerts_notifications_sent_total',
    help: 'Digests and alerts sent by the scheduler',
    registers: [this.registry],
  });

  readonly ingestBatches = new Counter({
    name: 'ingest_batches_total',
    help: 'Ingestion API batches, by kind (events, orders) and result (all, some, none, error)',
    labelNames: ['kind', 'result'] as const,
    registers: [this.registry],
  });

  readonly ingestItems = new Counter({
    name: 'ingest_items_total',
    help: 'Ingestion API items, by kind and outcome (accepted, stored, duplicate, rejected)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly botUpdates = new Histogram({
    name: 'bot_update_duration_seconds',
    help: 'Telegram updates handled by the bot, by update type and outcome',
    labelNames: ['type', 'outcome'] as const,
    buckets: requestBuckets,
    registers: [this.registry],
  });

  readonly deliveryQueue = new Gauge({
    name: 'delivery_queue_depth',
    help: 'Campaign offers waiting in the delivery queue (all instances), by state',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  readonly notificationsQueue = new Gauge({
    name: 'notifications_queue_depth',
    help: 'Digests and alerts not sent yet (all instances), by status',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  readonly trainingRunning = new Gauge({
    name: 'training_jobs_running',
    help: 'model_runs rows in state running (any process)',
    registers: [this.registry],
  });

  readonly ingestFailures = new Gauge({
    name: 'ingest_failures',
    help: 'Failed imports and ingestion batches recorded (all processes), by channel',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  delivery(seconds: number, outcome: Outcome, counts?: DeliveryCounts): void {
    this.deliveryRounds.observe({ outcome }, seconds);
    if (!counts) return;
    const { optedOut, ...rest } = counts;
    for (const [key, n] of Object.entries({ ...rest, opted_out: optedOut })) {
      if (n > 0) this.deliveryOffers.inc({ outcome: key }, n);
    }
  }

  ingest(kind: string, counts: IngestCounts | null): void {
    if (!counts) {
      this.ingestBatches.inc({ kind, result: 'error' });
      return;
    }
    const result =
      counts.rejected === 0 ? 'all' : counts.accepted > 0 ? ('some' as const) : ('none' as const);
    this.ingestBatches.inc({ kind, result });
    const items = {
      accepted: counts.accepted,
      stored: counts.stored,
      duplicate: counts.duplicates,
      rejected: counts.rejected,
    };
    for (const [outcome, n] of Object.entries(items)) this.ingestItems.inc({ kind, outcome }, n);
  }

  /** Reads the queue depths from the database; called at scrape time. */
  async readQueues(db: Database): Promise<void> {
    const { rows } = await db.query<{ name: string; n: string | number }>(
      `SELECT 'offers_' || delivery_state::text AS name, count(*) AS n FROM offer_assignments
         WHERE delivery_state IN ('queued', 'sending') GROUP BY delivery_state
       UNION ALL
       SELECT 'notifications_' || status::text, count(*) FROM notifications
         WHERE status IN ('pending', 'sending') GROUP BY status
       UNION ALL
       SELECT 'training', count(*) FROM model_runs WHERE status = 'running'
       UNION ALL
       SELECT 'failures_' || channel, count(*) FROM ingest_failures GROUP BY channel`,
    );
    const n = new Map(rows.map((r) => [r.name, Number(r.n)]));
    for (const state of ['queued', 'sending']) {
      this.deliveryQueue.set({ state }, n.get(`offers_${state}`) ?? 0);
    }
    for (const status of ['pending', 'sending']) {
      this.notificationsQueue.set({ status }, n.get(`notifications_${status}`) ?? 0);
    }
    this.trainingRunning.set(n.get('training') ?? 0);
    for (const channel of ['api', 'import']) {
      this.ingestFailures.set({ channel }, n.get(`failures_${channel}`) ?? 0);
    }
  }
}

/** Seconds since `started` (a performance.now() reading). */
export const secondsSince = (started: number) => (performance.now() - started) / 1000;
