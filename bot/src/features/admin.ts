// Admins act from chat: assign an offer (pick, confirm), add a tag or a note (a conversation),
// grant and revoke staff roles (confirm). Every button and every conversation step checks the
// role again; the server checks it once more and writes the audit log.
import { type Conversation, createConversation } from '@grammyjs/conversations';
import { Composer, type Context, InlineKeyboard } from 'grammy';
import type { BotContext } from '../context.ts';
import { gated } from '../gate.ts';
import { type Lang, langOf, quoted, refusedText, t } from '../i18n.ts';
import type { BotServices, BotUser } from '../services.ts';

/** The buttons an admin gets under a customer's card. */
export function adminCardButtons(customerId: number, lang: Lang): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('assignOffer', lang), `ao:${customerId}`)
    .row()
    .text(t('addTag', lang), `at:${customerId}`)
    .text(t('addNote', lang), `an:${customerId}`);
}

type Ask = { prompt: 'askTag' | 'askNote'; done: 'tagAdded' | 'noteAdded' };
const asks: Record<'tag' | 'note', Ask> = {
  tag: { prompt: 'askTag', done: 'tagAdded' },
  note: { prompt: 'askNote', done: 'noteAdded' },
};

/**
 * A Telegram user id as typed: digits, no sign or leading zero, and a safe integer. Number()
 * alone would round a 16-digit id to another user's (9999999999999999 → 10000000000000000).
 */
export function telegramIdOf(text: string): number | 'not-digits' | 'too-large' {
  if (!/^[1-9]\d*$/.test(text)) return 'not-digits';
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : 'too-large';
}

function userOf(ctx: Context): BotUser {
  const { id, first_name, last_name, username, language_code } = ctx.from!;
  return { id, first_name, last_name, username, language_code };
}

/**
 * A conversation asking for a tag or a note: invalid input is re-asked with the reason, and
 * the admin role is checked again before saving.
 */
function textChange(services: BotServices, kind: 'tag' | 'note') {
  return async (
    conversation: Conversation<BotContext, Context>,
    ctx: Context,
    customerId: number,
  ) => {
    const lang = langOf(ctx.from?.language_code);
    const user = userOf(ctx);
    await ctx.reply(`${t(asks[kind].prompt, lang)} (#${customerId})`);
    for (;;) {
      const answer = await conversation.waitFor('message:text', {
        otherwise: (c) => c.reply(t('sendText', lang)),
      });
      const text = answer.message.text;
      const identity = await conversation.external(() => services.identify(user));
      if (identity.role !== 'admin') {
        await answer.reply(t('refused', lang));
        return;
      }
      // `identity` is a copy (conversations clone what external returns): the server, not
      // knowing it, resolves the user once more before the change, the check it makes anyway.
      const caller = { user, identity };
      const result = await conversation.external(() =>
        kind === 'tag'
          ? services.addTag(caller, customerId, text)
          : services.addNote(caller, customerId, text),
      );
      if (result.ok) {
        await answer.reply(`${t(asks[kind].done, lang)} #${customerId}.`);
        return;
      }
      await answer.reply(`${refusedText(result, lang)}. ${t('tryAgain', lang)}`);
    }
  };
}

/** The admin feature; `waitMs` ends an abandoned conversation (default 10 minutes). */
export function adminFeatures(services: BotServices, waitMs = 10 * 60_000): Composer<BotContext> {
  const root = new Composer<BotContext>();
  for (const kind of ['tag', 'note'] as const) {
    root.use(
      createConversation<BotContext, Context>(textChange(services, kind), {
        id: kind,
        maxMillisecondsToWait: waitMs,
      }),
    );
  }
  const { allowed, composer } = gated(['admin'], {
    commands: ['grant', 'revoke'],
    callbacks: /^(ao|aoy|at|an|gr|rv|x)(:|$)/,
  });
  root.use(composer);

  const confirm = (yes: string, lang: Lang) =>
    new InlineKeyboard().text(t('confirm', lang), yes).text(t('cancel', lang), 'x');

  allowed.callbackQuery(/^ao:(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const id = Number(ctx.match[1]);
    const offers = await services.assignableOffers(ctx.caller);
    if (offers.length === 0) return ctx.reply(t('noAssignable', ctx.lang));
    const keyboard = InlineKeyboard.from(
      offers.map((o) => [InlineKeyboard.text(`${o.title} (${o.code})`, `ao:${id}:${o.id}`)]),
    );
    return ctx.reply(`${t('chooseOffer', ctx.lang)} #${id}:`, { reply_markup: keyboard });
  });

  allowed.callbackQuery(/^ao:(\d+):(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const [id, offerId] = [Number(ctx.match[1]), Number(ctx.match[2])];
    const offer = (await services.assignableOffers(ctx.caller)).find((o) => o.id === offerId);
    if (!offer) return ctx.reply(t('noAssignable', ctx.lang));
    return ctx.editMessageText(
      `${t('confirmAssign', ctx.lang)} ${quoted(offer.title, ctx.lang)} (${offer.code}) ${t('to', ctx.lang)} #${id}?`,
      { reply_markup: confirm(`aoy:${id}:${offerId}`, ctx.lang) },
    );
  });

  allowed.callbackQuery(/^aoy:(\d+):(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const result = await services.assignOffer(
      ctx.caller,
      Number(ctx.match[1]),
      Number(ctx.match[2]),
    );
    const text = result.ok
      ? `${t('assigned', ctx.lang)}: ${result.code}`
      : refusedText(result, ctx.lang);
    return ctx.editMessageText(text);
  });

  allowed.callbackQuery(/^x$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    return ctx.editMessageText(t('cancelled', ctx.lang));
  });

  allowed.callbackQuery(/^(at|an):(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(ctx.match[1] === 'at' ? 'tag' : 'note', Number(ctx.match[2]));
  });

  const notAnId = (ctx: BotContext, given: string) =>
    `${t('notTelegramId', ctx.lang)}: ${given.length > 40 ? `${given.slice(0, 40)}…` : given}`;

  allowed.command('grant', async (ctx) => {
    const [target = '', role, ...region] = ctx.match.trim().split(/\s+/);
    const where = region.join(' ');
    const id = telegramIdOf(target);
    if (id === 'too-large') return ctx.reply(notAnId(ctx, target));
    const valid =
      id !== 'not-digits' &&
      (role === 'admin' || role === 'manager') &&
      !(role === 'admin' && where) &&
      Buffer.byteLength(`gr:${target}:${role}:${where}`) <= 64;
    if (!valid) return ctx.reply(t('grantUsage', ctx.lang));
    const scope = role === 'manager' ? ` (${where || t('allRegions', ctx.lang)})` : '';
    return ctx.reply(
      `${t('confirmGrant', ctx.lang)} ${id} ${t('asRole', ctx.lang)} ${role}${scope}?`,
      {
        reply_markup: confirm(`gr:${id}:${role}:${where}`, ctx.lang),
      },
    );
  });

  // Buttons are checked the same way: one made before ids were checked may carry any digits.
  allowed.callbackQuery(/^gr:(\d+):(admin|manager):(.*)$/s, async (ctx) => {
    await ctx.answerCallbackQuery();
    const [target, role, region] = [
      telegramIdOf(ctx.match[1]!),
      ctx.match[2],
      ctx.match[3] || null,
    ];
    if (typeof target !== 'number') return ctx.editMessageText(notAnId(ctx, ctx.match[1]!));
    const result = await services.grantRole(
      ctx.caller,
      target,
      role as 'admin' | 'manager',
      region,
    );
    return ctx.editMessageText(result.ok ? t('done', ctx.lang) : refusedText(result, ctx.lang));
  });

  allowed.command('revoke', async (ctx) => {
    const target = ctx.match.trim();
    const id = telegramIdOf(target);
    if (id === 'too-large') return ctx.reply(notAnId(ctx, target));
    if (id === 'not-digits') return ctx.reply(t('revokeUsage', ctx.lang));
    return ctx.reply(`${t('confirmRevoke', ctx.lang)} ${id}?`, {
      reply_markup: confirm(`rv:${id}`, ctx.lang),
    });
  });

  allowed.callbackQuery(/^rv:(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const target = telegramIdOf(ctx.match[1]!);
    if (typeof target !== 'number') return ctx.editMessageText(notAnId(ctx, ctx.match[1]!));
    const result = await services.revokeRole(ctx.caller, target);
    return ctx.editMessageText(result.ok ? t('done', ctx.lang) : refusedText(result, ctx.lang));
  });

  return root;
}
