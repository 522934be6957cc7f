// The app the security suites attack: the test fixture (clients A and B, a North-scoped
// manager, an unscoped manager, an admin), an offer with an assignment per customer, a
// launched campaign, an ingestion key, the route table as Fastify registered it, and every
// log line the app wrote (to check that no secret reaches the logs).
import type { TestDatabase } from '@retention/db/testing';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Env } from '../../src/config.ts';
import { assignOffer } from '../../src/services/customer-offers.ts';
import { buildTestApp, testBotToken } from '../helpers/build-app.ts';
import { type Fixture, loadFixture, people, tma } from '../helpers/fixtures.ts';
import { apiKeyFor } from '../helpers/ingest.ts';
import { capturedLogs } from '../helpers/logs.ts';
import { scoreCustomers } from '../helpers/scores.ts';

/** fast-check runs per property: short in `npm test`, long with SECURITY_RUNS (CI's long profile). */
export const propertyRuns = Number(process.env.SECURITY_RUNS ?? 25);
/** The long profile also sweeps every hostile value with both staff callers. */
export const longProfile = propertyRuns >= 100;

export interface SecurityApp {
  app: FastifyInstance;
  database: TestDatabase;
  f: Fixture;
  /** Every route Fastify registered, as the onRoute hook saw it. */
  routes: RouteOptions[];
  /** Offer assignment of each customer, by customer id (for the open-offer route). */
  assignments: Map<number, number>;
  campaignId: number;
  /** Audiences saved by the North manager (scoped) and by the admin (every region). */
  audiences: { north: number; unscoped: number };
  jobId: number;
  /** An offer nobody holds yet (the admin's assign-offer calls). */
  spareOfferId: number;
  apiKey: string;
  /** The raw log output so far. */
  logs: () => string;
  close(): Promise<void>;
}

/** Cells a spreadsheet would run: =, +, -, @, tab and carriage return first. */
export const formulaNames = [
  '=HYPERLINK("http://evil.example/x","click")',
  '+1+cmd|" /C calc"!A0',
  '-2+3',
  '@SUM(1+1)*cmd|" /C calc"!A0',
  '\t=1+1',
  '\r=1+1',
];

export async function buildSecurityApp(env: Env = {}): Promise<SecurityApp> {
  const logs = capturedLogs();
  const routes: RouteOptions[] = [];
  const t = await buildTestApp(
    {
      BOT_TOKEN: testBotToken,
      ADMIN_TELEGRAM_IDS: String(people.admin.id),
      LOG_LEVEL: 'trace',
      ...env,
    },
    { logStream: logs.stream, onRoute: (route) => void routes.push(route) },
  );
  const { app, database } = t;
  const prisma = database.db.prisma;
  const f = await loadFixture(prisma);
  // Customers without Telegram (the campaign's unreachable list) named like spreadsheet
  // formulas: the CSV export must keep them text.
  const unlinked = [...f.northCustomers.slice(1), ...f.southCustomers.slice(1)];
  for (const [i, id] of unlinked.entries()) {
    const name = formulaNames[i % formulaNames.length]!;
    await prisma.customer.update({ where: { id }, data: { name, email: `${name}@example.com` } });
  }
  const day = 86_400_000;
  const offer = await prisma.offer.create({
    data: {
      code: 'SECURITY',
      title: 'Security test offer',
      kind: 'discount_percent',
      percentOff: 5,
      validFrom: new Date(Date.now() - day),
      validTo: new Date(Date.now() + 30 * day),
    },
  });
  const spare = await prisma.offer.create({
    data: {
      code: 'SPARE',
      title: 'Spare offer',
      kind: 'gift',
      gift: 'A mug',
      validFrom: new Date(Date.now() - day),
      validTo: new Date(Date.now() + 30 * day),
    },
  });
  const assignments = new Map<number, number>();
  for (const customerId of [...f.northCustomers, ...f.southCustomers]) {
    const a = await assignOffer(
      prisma,
      { actorRole: 'admin', actorTelegramId: BigInt(people.admin.id) },
      { customerId, offerId: offer.id },
    );
    assignments.set(customerId, a.id);
  }
  const { clvRunId } = await scoreCustomers(
    prisma,
    [...f.northCustomers, ...f.southCustomers].map((customerId) => ({
      customerId,
      probability: 0.8,
      clv: 100,
    })),
  );
  const launched = await app.inject({
    method: 'POST',
    url: '/api/v1/campaigns',
    headers: tma(people.admin),
    payload: campaignBody('SETUP1'),
  });
  if (launched.statusCode !== 201) throw new Error(`campaign launch: ${launched.body}`);
  const saveAudience = async (name: string, who: (typeof people)[keyof typeof people]) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/audiences',
      headers: tma(who),
      payload: { name, list: { kpi: 'selected' } },
    });
    if (res.statusCode !== 201) throw new Error(`audience: ${res.body}`);
    return res.json().id as number;
  };
  const audiences = {
    north: await saveAudience('North, all', people.northManager),
    unscoped: await saveAudience('Everyone', people.admin),
  };
  const apiKey = await apiKeyFor(t);
  return {
    app,
    database,
    f,
    routes,
    assignments,
    campaignId: launched.json().id,
    audiences,
    jobId: clvRunId,
    spareOfferId: spare.id,
    apiKey,
    logs: logs.text,
    close: t.close,
  };
}

/** A campaign launch body that is valid (a fresh offer code each time). */
export function campaignBody(code: string) {
  const day = 86_400_000;
  return {
    name: `Security ${code}`,
    offer: { code, title: '10% off', kind: 'discount_percent', percentOff: 10 },
    target: { minChurnProbability: 0.5 },
    controlShare: 0.2,
    startAt: new Date(Date.now() - 60_000).toISOString(),
    endAt: new Date(Date.now() + 14 * day).toISOString(),
    seed: 7,
  };
}

/** Row counts of the business tables: hostile input must leave them as they were. */
export async function rowCounts(prisma: TestDatabase['db']['prisma']) {
  const [customers, orders, products, offers, notes, staff] = await Promise.all([
    prisma.customer.count(),
    prisma.order.count(),
    prisma.product.count(),
    prisma.offer.count(),
    prisma.customerNote.count(),
    prisma.staff.count(),
  ]);
  return { customers, orders, products, offers, notes, staff };
}
