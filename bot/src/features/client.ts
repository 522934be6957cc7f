// A client in chat: their purchases and status, offers, support, recommendations; and the
// catalogue and recommendations for everyone known (staff name a customer).
import { countOf, formatDate, formatValue } from '@retention/contracts';
import { InlineKeyboard } from 'grammy';
import type { BotContext } from '../context.ts';
import { offerLine } from '../format.ts';
import { gated, known } from '../gate.ts';
import { quoted, t } from '../i18n.ts';
import { appUrl } from '../links.ts';

const clients = gated(['client'], {
  commands: ['stats', 'offers', 'support', 'stop_offers', 'start_offers'],
  callbacks: /^oc:/,
});
export const clientFeatures = clients.composer;

/** The client's own customer id; the gate guarantees a client, the link may still be gone. */
function own(ctx: BotContext): number | null {
  return ctx.identity.customerId;
}

clients.allowed.command('stats', async (ctx) => {
  const id = own(ctx);
  const card = id === null ? null : await ctx.services.customerCard(ctx.caller, id);
  if (!card) return ctx.reply(t('refused', ctx.lang));
  const lines = [
    `${t('myStats', ctx.lang)}: ${countOf(card.orders, 'orders', ctx.lang)}, ${t('spent', ctx.lang)} ${formatValue(card.revenue, 'money', ctx.lang, ctx.currency)}`,
    `${t('lastOrder', ctx.lang)}: ${formatDate(card.lastOrderAt, ctx.lang)}`,
    `${t('loyalty', ctx.lang)}: ${card.loyaltyTier}`,
  ];
  const url = appUrl(ctx);
  return ctx.reply(lines.join('\n'), {
    reply_markup: url ? new InlineKeyboard().webApp(t('openApp', ctx.lang), url) : undefined,
  });
});

clients.allowed.command('offers', async (ctx) => {
  const id = own(ctx);
  const offers = id === null ? [] : await ctx.services.customerOffers(ctx.caller, id);
  const usable = offers.filter((o) => o.status === 'active');
  if (usable.length === 0) return ctx.reply(t('noOffers', ctx.lang));
  return ctx.reply(
    [`${t('yourOffers', ctx.lang)}:`, ...usable.map((o) => offerLine(o, ctx.lang))].join('\n'),
  );
});

// "Get my code" under a delivered offer: the server records the opening and answers the
// offer only when it is this client's own.
clients.allowed.callbackQuery(/^oc:(\d+)$/, async (ctx) => {
  const offer = await ctx.services.openOffer(ctx.caller, Number(ctx.match[1]));
  if (!offer) {
    return ctx.answerCallbackQuery({ text: t('offerNotFound', ctx.lang), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  const note =
    offer.status === 'redeemed'
      ? ` (${t('offerUsed', ctx.lang)})`
      : offer.status === 'expired'
        ? ` (${t('offerEnded', ctx.lang)})`
        : '';
  return ctx.reply(
    `${t('yourCode', ctx.lang)}: ${offer.code}${note}\n${offerLine(offer, ctx.lang)}`,
  );
});

for (const [command, wanted] of [
  ['stop_offers', false],
  ['start_offers', true],
] as const) {
  clients.allowed.command(command, async (ctx) => {
    const { changed } = await ctx.services.setOfferMessages(ctx.caller, wanted);
    const key = wanted ? 'offersOn' : 'offersOff';
    return ctx.reply(`${t(key, ctx.lang)}${changed ? '' : ` ${t('alreadySo', ctx.lang)}`}`);
  });
}

clients.allowed.command('support', async (ctx) => {
  const s = ctx.services.support();
  const lines = [
    s.telegram && `Telegram: @${s.telegram}`,
    s.email && `E-mail: ${s.email}`,
    s.phone && `${ctx.lang === 'ru' ? 'Телефон' : 'Phone'}: ${s.phone}`,
    s.hours && `${t('hours', ctx.lang)}: ${s.hours}`,
  ].filter(Boolean);
  if (lines.length === 0) return ctx.reply(t('noSupport', ctx.lang));
  return ctx.reply([`${t('support', ctx.lang)}:`, ...lines].join('\n'));
});

const everyone = gated(known, { commands: ['recommendations', 'products'], callbacks: /^p:/ });
export const sharedFeatures = everyone.composer;

everyone.allowed.command('recommendations', async (ctx) => {
  const arg = ctx.match.trim();
  const staffAsks = ctx.identity.role !== 'client';
  if (staffAsks && !/^\d{1,9}$/.test(arg)) return ctx.reply(t('recsUsage', ctx.lang));
  const id = staffAsks ? Number(arg) : own(ctx);
  if (id === null) return ctx.reply(t('refused', ctx.lang));
  if (staffAsks && !(await ctx.services.customerCard(ctx.caller, id))) {
    return ctx.reply(`${t('notFound', ctx.lang)} #${id}.`);
  }
  const recs = await ctx.services.recommendations(ctx.caller, id);
  // The API's message (how to train) is for API callers; a person reads it in their language.
  if (recs.items.length === 0) return ctx.reply(t('noRecommendations', ctx.lang));
  const title = staffAsks
    ? `${t('recommendationsFor', ctx.lang)} #${id}`
    : t('recommendations', ctx.lang);
  return ctx.reply(
    [
      `${title}:`,
      ...recs.items.map((r, i) => `${i + 1}. ${r.name}${r.category ? ` (${r.category})` : ''}`),
    ].join('\n'),
  );
});

async function productPage(ctx: BotContext, query: string, page: number) {
  const found = await ctx.services.products(ctx.caller, query || undefined, page);
  if (found.total === 0)
    return { text: `${t('noProducts', ctx.lang)} ${quoted(query, ctx.lang)}.` };
  const pages = Math.ceil(found.total / found.pageSize);
  const lines = found.items.map(
    (p) =>
      `• ${p.name}${p.category ? ` (${p.category})` : ''} — ${formatValue(p.price, 'money', ctx.lang, ctx.currency)} [${p.sku}]`,
  );
  const keyboard = new InlineKeyboard();
  const data = (p: number) => `p:${p}:${query}`;
  if (Buffer.byteLength(data(pages)) <= 64) {
    if (page > 1) keyboard.text(t('prev', ctx.lang), data(page - 1));
    if (page < pages) keyboard.text(t('next', ctx.lang), data(page + 1));
  }
  const text = [`${t('products', ctx.lang)} (${found.total}), ${page}/${pages}:`, ...lines].join(
    '\n',
  );
  return { text, reply_markup: keyboard };
}

everyone.allowed.command('products', async (ctx) => {
  const { text, reply_markup } = await productPage(ctx, ctx.match.trim(), 1);
  return ctx.reply(text, { reply_markup });
});

everyone.allowed.callbackQuery(/^p:(\d+):(.*)$/s, async (ctx) => {
  const { text, reply_markup } = await productPage(ctx, ctx.match[2] ?? '', Number(ctx.match[1]));
  await ctx.editMessageText(text, { reply_markup }).catch(() => {});
  await ctx.answerCallbackQuery();
});
