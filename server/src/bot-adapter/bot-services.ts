// The bot's view of the server (BotServices of @retention/bot) over the same functions the
// API uses, with the same identity, roles and scopes: a user the API would refuse gets nothing
// here either, whatever the bot's own gates let through.

import type {
  AlertSettingsView,
  BotCaller,
  BotIdentity,
  BotServices,
  BotUser,
  Refused,
} from '@retention/bot';
import { blockNames, isBlockName, langOf, noteProblem, tagProblem } from '@retention/contracts';
import type { Database, PrismaClient } from '@retention/db';
import { buildDigest } from '../alerts/digest.ts';
import { kpiSummaryOf } from '../alerts/kpi-summary.ts';
import { type AlertSettings, changeAlertSettings, readAlertSettings } from '../alerts/settings.ts';
import { isoOf } from '../analytics/periods.ts';
import { type AnalyticsEngine, reportValue } from '../analytics/request.ts';
import { actorOf, type Identity, isStaff, resolveIdentity } from '../auth/identity.ts';
import { grantRole, revokeRole } from '../auth/staff-roles.ts';
import type { Config } from '../config.ts';
import { forbidden, isAppError, Refusal, refused } from '../errors.ts';
import { recommendFor } from '../ml/recs/recommend-for.ts';
import type { Screenshotter } from '../screenshots/screenshotter.ts';
import { addNote, changeTag } from '../services/customer-changes.ts';
import {
  assignOffer,
  listCustomerOffers,
  listOffers,
  openOffer,
  setOfferMessages,
} from '../services/customer-offers.ts';
import { searchCsv } from '../services/customers-csv.ts';
import { getCustomer } from '../services/get-customer.ts';
import { linkByPhone } from '../services/link-by-phone.ts';
import { listCustomers } from '../services/list-customers.ts';
import { listProducts } from '../services/list-products.ts';
import { createBotStorage } from './bot-storage.ts';

/** The user's language from Telegram, when it says one. */
function languageOf(user: BotUser): 'en' | 'ru' | undefined {
  if (!user.language_code) return undefined;
  return langOf(user.language_code);
}

function alertView(s: AlertSettings): AlertSettingsView {
  return {
    digest: s.digest,
    digestTime: s.digestTime,
    weekday: s.weekday,
    timeZone: s.timeZone,
    screenshotBlock: s.screenshotBlock,
    quietStart: s.quietStart,
    quietEnd: s.quietEnd,
    churnRateAbove: s.churnRateAbove,
    churnProbabilityAtLeast: s.churnProbabilityAtLeast,
    highValueFrom: s.highValueFrom,
    failureAlerts: s.failuresSince !== null,
    blocks: [...blockNames],
  };
}

type CustomerOffer = Awaited<ReturnType<typeof listCustomerOffers>>[number];

function offerView(a: CustomerOffer) {
  return {
    code: a.code,
    title: a.offer.title,
    description: a.offer.description,
    status: a.status,
    validTo: a.offer.validTo,
    terms: a.offer.terms,
  };
}

/** null instead of a 404 (the bot says "no customer"); every other error goes on. */
async function orNull<T>(run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return null;
    throw error;
  }
}

/** A Telegram user id from the bot: a number beyond 2^53 was already rounded, so it is refused. */
function telegramIdOf(id: number): bigint {
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new Refusal('bad_request', 'notTelegramUserId', { id: String(id) });
  }
  return BigInt(id);
}

/** A Refusal the user can act on (not found, conflict, bad input) as data, with its reason. */
async function refusalOf<T>(run: () => Promise<T>): Promise<T | Refused> {
  try {
    return await run();
  } catch (error) {
    if (
      isAppError(error) &&
      ['not_found', 'conflict', 'bad_request', 'unavailable', 'busy'].includes(error.code)
    ) {
      return refused(error);
    }
    throw error;
  }
}

/** What the bot's services need of the server (plugins/bot.ts passes them in). */
export interface BotServicesDeps {
  prisma: PrismaClient;
  db: Database;
  /** Reports as the API answers them; its settings give the business time zone. */
  analytics: AnalyticsEngine;
  /**
   * Renders block screenshots, for the bot and test digests (none: the bot says screenshots
   * are unavailable, e.g. the server is not listening on an address it can reach).
   */
  screenshotter?: Screenshotter | null | undefined;
  loyaltyTiers: Config['loyaltyTiers'];
  support: Config['support'];
}

export function botServices(deps: BotServicesDeps): BotServices {
  const { prisma, db, analytics } = deps;
  const screenshotter = deps.screenshotter ?? null;
  // The identities handed to the bot (identify), by the object it gets: the bot resolves its
  // sender once per update and passes that object back with every call of the update. Any
  // other (a copy, one made up) is resolved again, as every call once was.
  const issued = new WeakMap<BotIdentity, Identity>();
  const who = async ({ user, identity }: BotCaller): Promise<Identity> => {
    const known = issued.get(identity);
    if (known && known.user.id === user.id) return known;
    return resolveIdentity(prisma, user);
  };
  const staffOnly = async (caller: BotCaller): Promise<Identity> => {
    const identity = await who(caller);
    if (!isStaff(identity)) throw forbidden('staff only');
    return identity;
  };

  const businessZone = analytics.settings.timeZone;

  const adminOnly = async (caller: BotCaller): Promise<Identity> => {
    const identity = await who(caller);
    if (identity.role !== 'admin') throw forbidden('admins only');
    return identity;
  };

  return {
    async identify(user) {
      const resolved = await resolveIdentity(prisma, user);
      const { role, regionScope, customerId } = resolved;
      const identity = { role, regionScope, customerId };
      issued.set(identity, resolved);
      return identity;
    },

    async kpiSummary(caller, days) {
      const identity = await staffOnly(caller);
      const { today, dataEnds } = analytics.refresher.businessDay();
      const query = {
        from: isoOf(today - days + 1),
        to: isoOf(today),
        granularity: 'month' as const,
      };
      const report = await reportValue(analytics, { viewer: identity, query }, 'dashboard');
      return kpiSummaryOf(report, identity.regionScope, dataEnds, analytics.settings.currency);
    },

    async findCustomersCsv(caller, query) {
      return searchCsv(prisma, await staffOnly(caller), query.slice(0, 100));
    },
    async findCustomers(caller, query, page) {
      const found = await listCustomers(prisma, await staffOnly(caller), {
        q: query.slice(0, 100),
        page,
        pageSize: 5,
        sort: 'id',
      });
      return {
        ...found,
        items: found.items.map((c) => ({
          id: c.id,
          name: c.name,
          region: c.region,
          orders: c.stats.orders,
          revenue: c.stats.revenue,
          lastOrderAt: c.stats.lastOrderAt,
        })),
      };
    },

    async customerCard(caller, customerId) {
      const identity = await who(caller);
      const card = await orNull(() =>
        getCustomer(prisma, identity, customerId, {
          loyaltyTiers: deps.loyaltyTiers,
          now: analytics.refresher.businessDay().at,
        }),
      );
      if (!card) return null;
      const score = 'score' in card ? card.score : null;
      return {
        id: card.id,
        name: card.name,
        region: card.region,
        phone: card.phone,
        email: card.email,
        orders: card.stats.orders,
        revenue: card.stats.revenue,
        lastOrderAt: card.stats.lastOrderAt,
        tags: 'tags' in card ? card.tags : [],
        loyaltyTier: card.loyalty.tier,
        score: score
          ? {
              segment: score.segment,
              churnProbability: score.churnProbability,
              atRisk: score.atRisk,
              reasons: score.reasons.map((r) => ({ en: r.en, ru: r.ru })),
              pAlive: score.pAlive,
              clv: score.clv,
            }
          : null,
        recentOrders: card.recentOrders.map((o) => ({
          placedAt: o.placedAt,
          total: o.total,
          status: o.status,
        })),
      };
    },

    async customerOffers(caller, customerId) {
      const identity = await who(caller);
      const items = (await orNull(() => listCustomerOffers(prisma, identity, customerId))) ?? [];
      return items.map(offerView);
    },

    async recommendations(caller, customerId) {
      const identity = await who(caller);
      const { today } = analytics.refresher.businessDay();
      const on = { today, timeZone: businessZone };
      const recs = await orNull(() => recommendFor(db, identity, customerId, on));
      if (!recs) return { items: [], message: null };
      return {
        items: recs.items.map((i) => ({ name: i.name, category: i.category })),
        message: recs.message,
      };
    },

    async products(caller, query, page) {
      const identity = await who(caller);
      if (identity.role === 'unknown') throw forbidden('known users only');
      const found = await listProducts(prisma, { q: query, page, pageSize: 8, sort: 'name' });
      return {
        ...found,
        items: found.items.map((p) => ({
          sku: p.sku,
          name: p.name,
          category: p.category,
          price: p.price,
        })),
      };
    },

    support: () => deps.support,

    async linkByPhone(caller, phone) {
      const identity = await who(caller);
      if (identity.role !== 'unknown') return null;
      const customer = await linkByPhone(prisma, BigInt(caller.user.id), phone);
      return customer ? { name: customer.name } : null;
    },

    async openOffer(caller, assignmentId) {
      const identity = await who(caller);
      if (identity.role !== 'client' || identity.customerId === null) {
        throw forbidden('clients only');
      }
      const customerId = identity.customerId;
      const opened = await orNull(() => openOffer(prisma, identity, { customerId, assignmentId }));
      if (!opened) return null;
      const offers = await listCustomerOffers(prisma, identity, customerId);
      const o = offers.find((x) => x.assignmentId === assignmentId);
      return o ? offerView(o) : null;
    },

    async setOfferMessages(caller, wanted) {
      const identity = await who(caller);
      if (identity.role !== 'client' || identity.customerId === null) {
        throw forbidden('clients only');
      }
      return setOfferMessages(prisma, actorOf(identity), {
        customerId: identity.customerId,
        wanted,
      });
    },

    async assignableOffers(caller) {
      await adminOnly(caller);
      return (await listOffers(prisma, { all: false })).map(({ id, code, title }) => ({
        id,
        code,
        title,
      }));
    },

    assignOffer: (caller, customerId, offerId) =>
      refusalOf(async () => {
        const given = await assignOffer(prisma, actorOf(await adminOnly(caller)), {
          customerId,
          offerId,
        });
        return { ok: true as const, code: given.code };
      }),

    addTag: (caller, customerId, tag) =>
      refusalOf(async () => {
        const problem = tagProblem(tag);
        if (problem) return { ok: false as const, reason: problem };
        await changeTag(prisma, actorOf(await adminOnly(caller)), { customerId, tag, op: 'add' });
        return { ok: true as const };
      }),

    addNote: (caller, customerId, text) =>
      refusalOf(async () => {
        const problem = noteProblem(text);
        if (problem) return { ok: false as const, reason: problem };
        await addNote(prisma, actorOf(await adminOnly(caller)), { customerId, text: text.trim() });
        return { ok: true as const };
      }),

    grantRole: (caller, target, role, region) =>
      refusalOf(async () => {
        const actor = actorOf(await adminOnly(caller));
        const grant = role === 'admin' ? { role } : { role, region };
        await grantRole(prisma, actor, telegramIdOf(target), grant);
        return { ok: true as const };
      }),

    revokeRole: (caller, target) =>
      refusalOf(async () => {
        const actor = actorOf(await adminOnly(caller));
        const revoked = await revokeRole(prisma, actor, telegramIdOf(target));
        return revoked ? { ok: true as const } : { ok: false as const, reason: 'not staff' };
      }),

    async screenshot(caller, block, days) {
      const identity = await staffOnly(caller);
      if (!isBlockName(block)) {
        return { ok: false, reason: `unknown block ${block}` };
      }
      if (!screenshotter) return refused(new Refusal('unavailable', 'screenshotsOff'));
      const { today } = analytics.refresher.businessDay();
      const from = isoOf(today - days + 1);
      const to = isoOf(today);
      const result = await refusalOf(async () => ({
        ok: true as const,
        png: await screenshotter.capture(caller.user, block, new URLSearchParams({ from, to })),
      }));
      if (!result.ok) return result;
      const scope = identity.regionScope ? ` · ${identity.regionScope}` : '';
      return { ...result, caption: `${block} · ${from} – ${to}${scope}` };
    },

    async alertSettings(caller) {
      const identity = await staffOnly(caller);
      return alertView(await readAlertSettings(prisma, identity.telegramId, businessZone));
    },

    updateAlertSettings: (caller, change) =>
      refusalOf(async () => {
        const identity = await staffOnly(caller);
        const settings = await changeAlertSettings(
          prisma,
          identity.telegramId,
          { ...change, language: languageOf(caller.user) },
          businessZone,
        );
        return { ok: true as const, settings: alertView(settings) };
      }),

    async testDigest(caller) {
      const identity = await staffOnly(caller);
      const settings = await readAlertSettings(prisma, identity.telegramId, businessZone);
      const language = languageOf(caller.user) ?? settings.language;
      return buildDigest(
        { analytics, screenshotter },
        identity,
        { ...settings, language },
        { kind: 'test', now: new Date() },
      );
    },

    storage: createBotStorage(prisma),
  };
}
