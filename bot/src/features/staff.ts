// Staff in chat: the KPI summary, customer lookup and cards, recommendations for a customer.
import { blockLabels, blockNames, isBlockName } from '@retention/contracts';
import { InlineKeyboard, InputFile } from 'grammy';
import type { BotContext } from '../context.ts';
import { briefLine, cardText, kpiText } from '../format.ts';
import { gated, staff as staffRoles } from '../gate.ts';
import { quoted, reasonIn, t } from '../i18n.ts';
import { appButton } from '../links.ts';
import type { CustomerBrief, CustomerCardView, Page } from '../services.ts';
import { adminCardButtons } from './admin.ts';

const periods = [7, 30, 90] as const;
// Telegram allows 64 bytes of callback data; a longer search gets no paging buttons.
const maxCallbackBytes = 64;

const { allowed, composer } = gated(staffRoles, {
  commands: ['analytics', 'customer', 'find', 'users'],
  callbacks: /^(a|u|c|s|f):/,
});

export const staffFeatures = composer;

async function analytics(ctx: BotContext, days: number) {
  const summary = await ctx.services.kpiSummary(ctx.caller, days);
  const keyboard = new InlineKeyboard();
  for (const d of periods) {
    keyboard.text(`${d === days ? '• ' : ''}${t(`days${d}`, ctx.lang)}`, `a:${d}`);
  }
  blockNames.forEach((block, i) => {
    if (i % 4 === 0) keyboard.row();
    keyboard.text(`📷 ${blockLabels[block][ctx.lang]}`, `s:${block}:${days}`);
  });
  const open = appButton(ctx, t('openDashboard', ctx.lang), {
    screen: 'dashboard',
    from: summary.from,
    to: summary.to,
  });
  if (open) keyboard.row().add(open);
  return { text: kpiText(summary, ctx.lang), reply_markup: keyboard };
}

allowed.command('analytics', async (ctx) => {
  const asked = Number(ctx.match.trim());
  const days = periods.includes(asked as (typeof periods)[number]) ? asked : 30;
  const { text, reply_markup } = await analytics(ctx, days);
  await ctx.reply(text, { reply_markup });
});

allowed.callbackQuery(/^a:(\d+)$/, async (ctx) => {
  const days = Number(ctx.match[1]);
  if (!periods.includes(days as (typeof periods)[number])) return ctx.answerCallbackQuery();
  const { text, reply_markup } = await analytics(ctx, days);
  await ctx.editMessageText(text, { reply_markup }).catch(() => {});
  await ctx.answerCallbackQuery();
});

/** One page of customers matching `query`, each a button opening its card. */
async function search(ctx: BotContext, query: string, page: number) {
  return searchPage(ctx, query, page, await ctx.services.findCustomers(ctx.caller, query, page));
}

function searchPage(ctx: BotContext, query: string, page: number, found: Page<CustomerBrief>) {
  if (found.total === 0)
    return { text: `${t('noCustomers', ctx.lang)} ${quoted(query, ctx.lang)}.` };
  const keyboard = new InlineKeyboard();
  for (const c of found.items)
    keyboard.text(briefLine(c, ctx.lang, ctx.currency), `c:${c.id}`).row();
  const pages = Math.ceil(found.total / found.pageSize);
  const pageData = (p: number) => `u:${p}:${query}`;
  if (Buffer.byteLength(pageData(pages)) <= maxCallbackBytes) {
    if (page > 1) keyboard.text(t('prev', ctx.lang), pageData(page - 1));
    if (page < pages) keyboard.text(t('next', ctx.lang), pageData(page + 1));
  }
  // More than a page: the whole list as a file.
  if (pages > 1 && Buffer.byteLength(`f:${query}`) <= maxCallbackBytes) {
    keyboard.row().text(t('allAsCsv', ctx.lang), `f:${query}`);
  }
  const text = `${t('found', ctx.lang)}: ${found.total} (${quoted(query, ctx.lang)}), ${page}/${pages}`;
  return { text, reply_markup: keyboard };
}

/** The card as a message: its text, an admin's buttons, the Mini App button. */
function replyCard(ctx: BotContext, card: CustomerCardView) {
  const { id } = card;
  const rows = ctx.identity.role === 'admin' ? adminCardButtons(id, ctx.lang).inline_keyboard : [];
  const open = appButton(ctx, t('openCard', ctx.lang), { screen: 'customer', id });
  if (open) rows.push([open]);
  return ctx.reply(cardText(card, ctx.lang, ctx.currency), {
    reply_markup: rows.length > 0 ? { inline_keyboard: rows } : undefined,
  });
}

async function sendCard(ctx: BotContext, id: number) {
  const card = await ctx.services.customerCard(ctx.caller, id);
  if (!card) return ctx.reply(`${t('notFound', ctx.lang)} #${id}.`);
  return replyCard(ctx, card);
}

// The card asked for by id is built once: the one looked up is the one shown.
allowed.command('customer', async (ctx) => {
  const query = ctx.match.trim();
  if (!query) return ctx.reply(t('customerUsage', ctx.lang));
  if (/^\d{1,9}$/.test(query)) {
    const card = await ctx.services.customerCard(ctx.caller, Number(query));
    if (card) return replyCard(ctx, card);
  }
  // Not an id in scope: a phone, e-mail or name. One match is its card, more a list.
  const found = await ctx.services.findCustomers(ctx.caller, query, 1);
  if (found.total === 1 && found.items[0]) return sendCard(ctx, found.items[0].id);
  const { text, reply_markup } = searchPage(ctx, query, 1, found);
  return ctx.reply(text, { reply_markup });
});

// /find is the name the menu shows; /users, its first name, still works.
allowed.command(['find', 'users'], async (ctx) => {
  const query = ctx.match.trim();
  if (!query) return ctx.reply(t('usersUsage', ctx.lang));
  const { text, reply_markup } = await search(ctx, query, 1);
  return ctx.reply(text, { reply_markup });
});

allowed.callbackQuery(/^u:(\d+):(.+)$/s, async (ctx) => {
  const { text, reply_markup } = await search(ctx, ctx.match[2] ?? '', Number(ctx.match[1]));
  await ctx.editMessageText(text, { reply_markup }).catch(() => {});
  await ctx.answerCallbackQuery();
});

// A list too long for chat: every match as a CSV document (Excel reads it as UTF-8).
allowed.callbackQuery(/^f:(.+)$/s, async (ctx) => {
  const query = ctx.match[1] ?? '';
  await ctx.answerCallbackQuery({ text: t('preparingCsv', ctx.lang) });
  await ctx.replyWithChatAction('upload_document').catch(() => {});
  const list = await ctx.services.findCustomersCsv(ctx.caller, query);
  const shown = list.rows < list.total ? `, ${t('csvFirstRows', ctx.lang)} ${list.rows}` : '';
  const file = new InputFile(Buffer.from(list.csv), `customers-${fileSafe(query)}.csv`);
  return ctx.replyWithDocument(file, {
    caption: `${t('found', ctx.lang)}: ${list.total} (${quoted(query, ctx.lang)})${shown}`,
  });
});

/** A search as part of a file name: letters (any script), digits, - and _. */
const fileSafe = (s: string) => s.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 40) || 'search';

allowed.callbackQuery(/^c:(\d+)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  await sendCard(ctx, Number(ctx.match[1]));
});

allowed.callbackQuery(/^s:([a-z-]+):(\d+)$/, async (ctx) => {
  const [block, days] = [ctx.match[1] ?? '', Number(ctx.match[2])];
  if (!isBlockName(block) || !periods.includes(days as (typeof periods)[number])) {
    return ctx.answerCallbackQuery();
  }
  await ctx.answerCallbackQuery({ text: t('rendering', ctx.lang) });
  await ctx.replyWithChatAction('upload_photo').catch(() => {});
  const shot = await ctx.services.screenshot(ctx.caller, block, days);
  if (!shot.ok) return ctx.reply(`${t('noScreenshot', ctx.lang)} ${reasonIn(shot, ctx.lang)}`);
  return ctx.replyWithPhoto(new InputFile(shot.png, `${block}.png`), { caption: shot.caption });
});
