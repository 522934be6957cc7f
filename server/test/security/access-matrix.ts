// The access-control matrix: for every route, the status each caller gets, per kind of id
// where the route takes one. Written from DESIGN §5 and ARCHITECTURE "Requests and roles":
// no credentials → 401; a role the route does not name → 403; a record outside the
// caller's scope (a client's other customers, a scoped manager's other regions) → 404, the
// same as a missing id, so ids cannot be probed. access-matrix.test.ts fails for a route
// that is missing here, and for a row naming a route that does not exist.
import { campaignBody, type SecurityApp } from './security-app.ts';

export const callers = [
  'none',
  'unknown',
  'clientA',
  'clientB',
  'northManager',
  'manager',
  'admin',
  'apiKey',
] as const;
export type Caller = (typeof callers)[number];

/** Kinds of ids a route's `:id` can be given. */
export const idKinds = {
  /** Client A's customer (North); a North customer of nobody; client B's (South); none. */
  customer: ['ownA', 'sameRegion', 'otherRegion', 'missing'],
  campaign: ['existing', 'missing'],
  /** Saved by the North manager (scoped to North), by the admin (every region); none. */
  audience: ['north', 'unscoped', 'missing'],
  job: ['existing', 'missing'],
} as const;
export type IdKind = keyof typeof idKinds;

type Cell = number | Readonly<Record<string, number>>;
export interface MatrixRow {
  ids?: IdKind;
  /** A body that is valid, so the outcome tests access, not validation. */
  body?: (s: SecurityApp, call: number) => unknown;
  expect: Readonly<Record<Caller, Cell>>;
}

const all = (status: number, except: Partial<Record<Caller, Cell>> = {}) =>
  Object.fromEntries(callers.map((c) => [c, except[c] ?? status])) as Record<Caller, Cell>;

/** Signed-in callers whose role the route does not name get 403; no initData, or a key, 401. */
const roles = (allowed: Partial<Record<Caller, Cell>>) =>
  all(403, { none: 401, apiKey: 401, ...allowed });

const staff = (ok: Cell) => roles({ northManager: ok, manager: ok, admin: ok });
const byId = (ok: number, missing = 404) => ({ existing: ok, missing });

/** A customer's own records: clients their own, a scoped manager their region, else 404. */
const customerRecord = (ok: number) => ({
  clientA: { ownA: ok, sameRegion: 404, otherRegion: 404, missing: 404 },
  clientB: { ownA: 404, sameRegion: 404, otherRegion: ok, missing: 404 },
  northManager: { ownA: ok, sameRegion: ok, otherRegion: 404, missing: 404 },
  manager: { ownA: ok, sameRegion: ok, otherRegion: ok, missing: 404 },
  admin: { ownA: ok, sameRegion: ok, otherRegion: ok, missing: 404 },
});
const adminChange = (ok: number) =>
  roles({ admin: { ownA: ok, sameRegion: ok, otherRegion: ok, missing: 404 } });

const analytics = [
  'dashboard',
  'churn',
  'retention',
  'retention-curve',
  'ltv',
  'rfm',
  'lifecycle',
  'stickiness',
  'campaigns',
  'segments',
  'breakdown',
  'options',
  'churn-risk',
  'customers',
  'price-elasticity',
  'clv',
];

let codes = 0;

export const matrix: Readonly<Record<string, MatrixRow>> = {
  'GET /health': { expect: all(200) },
  'GET /health/live': { expect: all(200) },
  'GET /health/ready': { expect: all(200) },
  /** Loopback callers (inject) without METRICS_TOKEN; tokens and proxies: observability tests. */
  'GET /metrics': { expect: all(401) },
  'GET /api/v1/me': { expect: all(200, { none: 401, apiKey: 401 }) },
  'GET /api/v1/support': { expect: all(200, { none: 401, apiKey: 401 }) },
  'GET /api/v1/offers/': { expect: staff(200) },
  'GET /api/v1/users/': { expect: staff(200) },
  'GET /api/v1/products/': { expect: staff(200) },
  'GET /api/v1/users/:id': { ids: 'customer', expect: roles(customerRecord(200)) },
  'GET /api/v1/users/:id/offers': { ids: 'customer', expect: roles(customerRecord(200)) },
  'GET /api/v1/recommendations/user/:id': {
    ids: 'customer',
    expect: roles(customerRecord(200)),
  },
  'POST /api/v1/users/:id/offers/:assignmentId/open': {
    ids: 'customer',
    expect: roles({
      clientA: customerRecord(200).clientA,
      clientB: customerRecord(200).clientB,
    }),
  },
  'POST /api/v1/users/:id/offers': {
    ids: 'customer',
    body: (s) => ({ offerId: s.spareOfferId }),
    expect: adminChange(201),
  },
  'POST /api/v1/users/:id/tags': {
    ids: 'customer',
    body: () => ({ tag: 'matrix' }),
    expect: adminChange(200),
  },
  'DELETE /api/v1/users/:id/tags/:tag': { ids: 'customer', expect: adminChange(200) },
  'POST /api/v1/users/:id/notes': {
    ids: 'customer',
    body: () => ({ text: 'access matrix' }),
    expect: adminChange(201),
  },
  'POST /api/v1/ingest/events': {
    body: (_s, call) => ({
      items: [
        {
          id: `matrix-${call}`,
          customerId: 'T1',
          type: 'page_view',
          channel: 'web',
          occurredAt: '2025-03-01T10:00:00Z',
        },
      ],
    }),
    expect: all(401, { apiKey: 200 }),
  },
  'POST /api/v1/ingest/orders': {
    body: (_s, call) => ({
      items: [
        {
          id: `matrix-${call}`,
          customerId: 'T1',
          placedAt: '2025-03-01T10:00:00Z',
          lines: [{ sku: 'TEA-1', quantity: 1, unitPrice: '10.00' }],
        },
      ],
    }),
    expect: all(401, { apiKey: 200 }),
  },
  ...Object.fromEntries(
    analytics.map((r) => [`GET /api/v1/analytics/${r}`, { expect: staff(200) }]),
  ),
  'GET /api/v1/analytics/version': {
    expect: roles({ clientA: 200, clientB: 200, northManager: 200, manager: 200, admin: 200 }),
  },
  'POST /api/v1/analytics/segmentation': { expect: staff(202) },
  'POST /api/v1/analytics/churn-prediction': { expect: staff(202) },
  'POST /api/v1/analytics/backtest': { expect: staff(202) },
  'GET /api/v1/jobs/:id': { ids: 'job', expect: staff(byId(200)) },
  'POST /api/v1/campaigns/preview': { body: () => ({ target: {} }), expect: roles({ admin: 200 }) },
  'POST /api/v1/campaigns/': {
    body: () => campaignBody(`MATRIX${++codes}`),
    expect: roles({ admin: 201 }),
  },
  'GET /api/v1/campaigns/': { expect: staff(200) },
  'GET /api/v1/campaigns/:id': { ids: 'campaign', expect: staff(byId(200)) },
  'GET /api/v1/campaigns/:id/unreachable': { ids: 'campaign', expect: staff(byId(200)) },
  /** No PUBLIC_URL here: staff are told sharing needs it (share.test.ts and the e2e share). */
  'POST /api/v1/share/': { body: () => ({ block: 'kpis' }), expect: staff(503) },
  /** Public (Telegram fetches it); a name that is no picture's is not found. */
  'GET /api/v1/share/images/:file': { expect: all(400) },
  'GET /api/v1/audiences/': { expect: staff(200) },
  'POST /api/v1/audiences/': {
    body: (_, call) => ({ name: `Matrix ${++codes}.${call}`, list: { kpi: 'selected' } }),
    expect: staff(201),
  },
  'GET /api/v1/audiences/:id': {
    ids: 'audience',
    expect: roles({
      northManager: { north: 200, unscoped: 404, missing: 404 },
      manager: { north: 200, unscoped: 200, missing: 404 },
      admin: { north: 200, unscoped: 200, missing: 404 },
    }),
  },
  // In callers' order: the North manager deletes their own; the other manager may not delete
  // the admin's; the admin may.
  'DELETE /api/v1/audiences/:id': {
    ids: 'audience',
    expect: roles({
      northManager: { north: 204, unscoped: 404, missing: 404 },
      manager: { north: 404, unscoped: 403, missing: 404 },
      admin: { north: 404, unscoped: 204, missing: 404 },
    }),
  },
  // The admin pauses the campaign, then resumes it (the rows below still find it running).
  'POST /api/v1/campaigns/:id/pause': { ids: 'campaign', expect: roles({ admin: byId(200) }) },
  'POST /api/v1/campaigns/:id/resume': { ids: 'campaign', expect: roles({ admin: byId(200) }) },
  // Last: the admin's call stops the campaign the rows above read.
  'POST /api/v1/campaigns/:id/stop': { ids: 'campaign', expect: roles({ admin: byId(200) }) },
};

/** Routes of the other modes, checked on their own apps (the demo session in access-matrix.test.ts, the webhook in auth-attacks.test.ts). */
export const otherModes = {
  /** Demo mode (no BOT_TOKEN): public, but only to the holder of the demo key (the start log's link). */
  'POST /api/v1/demo/session': { withKey: 200, withoutKey: 403 },
  /** BOT_MODE=webhook: Telegram's calls carry the secret token; anyone else 401. */
  'POST /telegram/webhook': { withoutSecret: 401, wrongSecret: 401 },
} as const;

/**
 * Not in the matrix: public, data-free files. The API description (/docs, /docs/json,
 * /docs/yaml, /redoc and their scripts) says what the routes are, not what is in the
 * database, and the Mini App's static files (`/*`) are the same for everyone. HEAD routes
 * are Fastify's automatic twins of GET routes and pass the same hooks.
 */
export const unlisted = (method: string, url: string) =>
  method === 'HEAD' || /^\/(docs|redoc)(\/|$)/.test(url) || url === '/*';
