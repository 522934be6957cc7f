// In-memory BotServices for the bot's own tests: a few customers, offers and products, and a
// log of which services were asked (a refused user must not reach any that return data) and
// of who was identified (once per update).
import type {
  AlertSettingsChange,
  AlertSettingsView,
  BotRole,
  BotServices,
  BotUser,
  CustomerCardView,
  OfferView,
  ProductView,
} from '../services.ts';

export interface FakeServices extends BotServices {
  /** The services asked, in order. */
  asked: string[];
  /** The Telegram ids `identify` was asked for, in order. */
  identified: number[];
  /** The changes made, with their arguments. */
  changes: unknown[][];
}

const customers: CustomerCardView[] = [1, 2, 3, 4, 5, 6, 7].map((id) => ({
  id,
  name: `Customer ${id}`,
  region: id % 2 ? 'North' : 'South',
  phone: `+1555000000${id}`,
  email: `c${id}@example.com`,
  orders: id,
  revenue: `${id * 10}.00`,
  lastOrderAt: new Date(Date.UTC(2026, 10, id)),
  tags: id === 1 ? ['vip'] : [],
  loyaltyTier: 'Silver',
  score: {
    segment: 'Loyal',
    churnProbability: 0.42,
    atRisk: true,
    reasons: [{ en: 'no order for 77 days', ru: 'нет заказов 77 дней' }],
    pAlive: 0.8,
    clv: '120.50',
  },
  recentOrders: [
    { placedAt: new Date(Date.UTC(2026, 10, id)), total: '10.00', status: 'completed' },
  ],
}));

const offers: OfferView[] = [
  {
    code: 'WELCOME10-ABCDEF',
    title: '10% off',
    description: null,
    status: 'active',
    validTo: new Date(Date.UTC(2027, 0, 31)),
    terms: 'First order only.',
  },
  {
    code: 'OLD-XYZ',
    title: 'Old offer',
    description: null,
    status: 'expired',
    validTo: new Date(Date.UTC(2025, 0, 31)),
    terms: null,
  },
];

const products: ProductView[] = Array.from({ length: 11 }, (_, i) => ({
  sku: `SKU-${i + 1}`,
  name: `Product ${i + 1}`,
  category: 'Tea',
  price: '9.90',
}));

const defaultAlerts: AlertSettingsView = {
  digest: 'off',
  digestTime: '09:00',
  weekday: 1,
  timeZone: 'UTC',
  screenshotBlock: null,
  quietStart: null,
  quietEnd: null,
  churnRateAbove: null,
  churnProbabilityAtLeast: null,
  highValueFrom: 1000,
  failureAlerts: false,
  blocks: ['kpis', 'trends', 'cohorts', 'ltv', 'segments', 'at-risk', 'campaigns', 'breakdown'],
};

/** The server's checks, as far as the bot's tests need them. */
function alertProblem(c: AlertSettingsChange): string | null {
  const times = [c.digestTime, c.quietStart, c.quietEnd].filter((v) => typeof v === 'string');
  if (times.some((v) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(v))) {
    return 'the time must be like 09:30 (00:00-23:59)';
  }
  for (const v of [c.churnRateAbove, c.churnProbabilityAtLeast]) {
    if (typeof v === 'number' && !(v > 0 && v < 100)) return 'it must be above 0 and below 100';
  }
  return null;
}

/** Roles by Telegram id; clients own the customer with the same id as their Telegram id. */
export function fakeServices(roles: Record<number, BotRole>): FakeServices {
  const asked: string[] = [];
  const identified: number[] = [];
  const changes: unknown[][] = [];
  const roleOf = (user: BotUser) => roles[user.id] ?? 'unknown';
  const ask = (name: string) => asked.push(name);
  const alerts = new Map<number, AlertSettingsView>();
  const alertsOf = (user: BotUser) => ({ ...(alerts.get(user.id) ?? defaultAlerts) });
  return {
    asked,
    identified,
    changes,
    async identify(user) {
      identified.push(user.id);
      const role = roleOf(user);
      return { role, regionScope: null, customerId: role === 'client' ? user.id : null };
    },
    async kpiSummary(_caller, days) {
      ask('kpiSummary');
      return {
        from: '2026-10-23',
        to: '2026-11-21',
        previousFrom: '2026-09-23',
        previousTo: '2026-10-22',
        currency: 'EUR',
        dataEnds: null,
        region: null,
        kpis: [
          { key: 'activeAtEnd', kind: 'int', value: 1200 + days, previous: 1000 },
          { key: 'churnRate', kind: 'pct', value: 0.12, previous: 0.1 },
          { key: 'revenue', kind: 'money', value: 5000, previous: 4000 },
        ],
      };
    },
    async findCustomers(_caller, query, page) {
      ask('findCustomers');
      const hits = customers.filter(
        (c) => c.name?.toLowerCase().includes(query.toLowerCase()) || c.phone === query,
      );
      return { items: hits.slice((page - 1) * 5, page * 5), page, pageSize: 5, total: hits.length };
    },
    async findCustomersCsv(_caller, query) {
      ask('findCustomersCsv');
      const hits = customers.filter((c) => c.name?.toLowerCase().includes(query.toLowerCase()));
      const lines = ['customer_id,name', ...hits.map((c) => `${c.id},${c.name}`)];
      return { total: hits.length, rows: hits.length, csv: `\uFEFF${lines.join('\r\n')}\r\n` };
    },
    async customerCard({ identity }, id) {
      ask('customerCard');
      if (identity.role === 'client' && id !== identity.customerId) return null;
      return customers.find((c) => c.id === id) ?? null;
    },
    async customerOffers() {
      ask('customerOffers');
      return offers;
    },
    async recommendations() {
      ask('recommendations');
      return { items: [{ name: 'Green tea', category: 'Tea' }], message: null };
    },
    async products(_caller, query, page) {
      ask('products');
      const hits = products.filter((p) => !query || p.name.includes(query));
      return { items: hits.slice((page - 1) * 8, page * 8), page, pageSize: 8, total: hits.length };
    },
    support() {
      ask('support');
      return { telegram: 'shop_help', email: null, phone: null, hours: 'Mon-Fri' };
    },
    async openOffer(_caller, assignmentId) {
      ask('openOffer');
      if (assignmentId !== 41) return null;
      return {
        code: 'COMEBACK15-ABCDEF',
        title: '15% off',
        description: null,
        status: 'active',
        validTo: new Date('2030-01-31T00:00:00Z'),
        terms: 'One order.',
      };
    },
    async setOfferMessages(_caller, wanted) {
      ask('setOfferMessages');
      changes.push(['setOfferMessages', wanted]);
      return { changed: true };
    },
    async assignableOffers() {
      ask('assignableOffers');
      return [{ id: 7, code: 'WELCOME10', title: '10% off' }];
    },
    async assignOffer(_caller, customerId, offerId) {
      ask('assignOffer');
      changes.push(['assignOffer', customerId, offerId]);
      return customerId === 99
        ? {
            ok: false,
            reason: 'customer 99 not found',
            because: { key: 'customerNotFound', params: { id: 99 } },
          }
        : { ok: true, code: 'WELCOME10-ABCDEF' };
    },
    async addTag(_caller, customerId, tag) {
      ask('addTag');
      if (!/^[a-z0-9 _-]+$/i.test(tag))
        return { ok: false, reason: 'a tag must be letters, digits, spaces, _ or -' };
      changes.push(['addTag', customerId, tag]);
      return { ok: true };
    },
    async addNote(_caller, customerId, text) {
      ask('addNote');
      changes.push(['addNote', customerId, text]);
      return { ok: true };
    },
    async grantRole(_caller, target, role, region) {
      ask('grantRole');
      changes.push(['grantRole', target, role, region]);
      roles[target] = role;
      return { ok: true };
    },
    async revokeRole(_caller, target) {
      ask('revokeRole');
      changes.push(['revokeRole', target]);
      delete roles[target];
      return { ok: true };
    },
    async alertSettings({ user }) {
      ask('alertSettings');
      return alertsOf(user);
    },
    async updateAlertSettings({ user }, change) {
      ask('updateAlertSettings');
      const bad = alertProblem(change);
      if (bad) return { ok: false, reason: bad };
      changes.push(['updateAlertSettings', change]);
      alerts.set(user.id, { ...alertsOf(user), ...change, timeZone: change.timeZone ?? 'UTC' });
      return { ok: true, settings: alertsOf(user) };
    },
    async testDigest() {
      ask('testDigest');
      return {
        text: '📬 Test digest\nRetention: 2026-11-14 – 2026-11-20',
        screenshot: { ok: false, reason: 'Chromium is missing' },
      };
    },
    async screenshot(_caller, block, days) {
      ask('screenshot');
      if (block === 'ltv') return { ok: false, reason: 'Chromium is missing' };
      return {
        ok: true,
        png: new Uint8Array([137, 80, 78, 71]),
        caption: `${block}, ${days} days`,
      };
    },
    async linkByPhone({ user }, phone) {
      ask('linkByPhone');
      if (phone.replace(/\D/g, '') !== '15550000003') return null;
      roles[user.id] = 'client';
      return { name: 'Customer 3' };
    },
  };
}
