// /start, /help and /cancel for everyone; unknown users link their account by sharing their
// phone number.
import { Composer, InlineKeyboard, Keyboard } from 'grammy';
import { commandsFor } from '../commands.ts';
import type { BotContext } from '../context.ts';
import { t } from '../i18n.ts';
import { appUrl } from '../links.ts';
import type { BotRole } from '../services.ts';

const greeting = { admin: 'greetAdmin', manager: 'greetManager', client: 'greetClient' } as const;

/** The role's command list in the user's chat menu; a failure is logged, not fatal. */
async function registerCommands(ctx: BotContext, role: BotRole): Promise<void> {
  if (!ctx.chat) return;
  await ctx.api
    .setMyCommands(commandsFor(role, ctx.lang), { scope: { type: 'chat', chat_id: ctx.chat.id } })
    .catch((e: Error) => console.warn(`bot: setMyCommands failed: ${e.message}`));
}

export const start = new Composer<BotContext>();
const pm = start.chatType('private');

pm.command('start', async (ctx) => {
  const { role } = ctx.identity;
  const hello = `${t('hello', ctx.lang)}, ${ctx.from.first_name}!`;
  await registerCommands(ctx, role);
  if (role === 'unknown') {
    const keyboard = new Keyboard().requestContact(t('sharePhone', ctx.lang)).resized().oneTime();
    await ctx.reply(`${hello} ${t('greetUnknown', ctx.lang)}`, { reply_markup: keyboard });
    return;
  }
  const url = appUrl(ctx);
  if (url) {
    // The chat's menu button opens the app too (a nicety: failing it must not cost the reply).
    await ctx.api
      .setChatMenuButton({
        chat_id: ctx.chat.id,
        menu_button: { type: 'web_app', text: t('openApp', ctx.lang), web_app: { url } },
      })
      .catch((e: Error) => console.warn(`bot: setChatMenuButton failed: ${e.message}`));
  }
  await ctx.reply(`${hello} ${t(greeting[role], ctx.lang)}`, {
    reply_markup: url ? new InlineKeyboard().webApp(t('openApp', ctx.lang), url) : undefined,
  });
});

pm.on('message:contact', async (ctx) => {
  const contact = ctx.message.contact;
  const removeKeyboard = { reply_markup: { remove_keyboard: true as const } };
  if (ctx.identity.role !== 'unknown') {
    await ctx.reply(t('alreadyKnown', ctx.lang), removeKeyboard);
    return;
  }
  // Only the sender's own number (Telegram's contact button sets user_id to the sender).
  if (contact.user_id !== ctx.from.id) {
    await ctx.reply(t('notOwnContact', ctx.lang));
    return;
  }
  const linked = await ctx.services.linkByPhone(ctx.caller, contact.phone_number);
  if (!linked) {
    await ctx.reply(t('notLinked', ctx.lang), removeKeyboard);
    return;
  }
  await registerCommands(ctx, 'client');
  const url = appUrl(ctx);
  await ctx.reply(
    `${t('linked', ctx.lang)}${linked.name ? ` (${linked.name})` : ''}.`,
    removeKeyboard,
  );
  await ctx.reply(t('greetClient', ctx.lang), {
    reply_markup: url ? new InlineKeyboard().webApp(t('openApp', ctx.lang), url) : undefined,
  });
});

start.command('help', async (ctx) => {
  const lines = commandsFor(ctx.identity.role, ctx.lang).map(
    (c) => `/${c.command} — ${c.description}`,
  );
  await ctx.reply([t('help', ctx.lang), ...lines].join('\n'));
});

start.command('cancel', async (ctx) => {
  const active = Object.keys(ctx.conversation.active()).length > 0;
  await ctx.conversation.exitAll();
  await ctx.reply(t(active ? 'cancelled' : 'nothingToCancel', ctx.lang), {
    reply_markup: { remove_keyboard: true },
  });
});
