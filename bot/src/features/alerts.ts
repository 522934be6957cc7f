// /alerts for staff: digest (off, daily, weekly; time, weekday, a block's screenshot), quiet
// hours and threshold alerts, shown as a menu of buttons (al:…) with typed values asked in
// conversations; and a test digest sent at once. The server's scheduler sends the rest.
import { createConversation } from '@grammyjs/conversations';
import { Composer, type Context, type InlineKeyboard, InputFile } from 'grammy';
import type { BotContext } from '../context.ts';
import { alertInput, alertInputs } from '../conversations/alert-inputs.ts';
import { gated, staff } from '../gate.ts';
import { blockLabel, reasonIn, refusedText, t } from '../i18n.ts';
import {
  alertsKeyboard,
  alertsText,
  choices,
  commonQuiet,
  commonTimes,
  weekdayNames,
} from '../keyboards/alerts-menu.ts';
import type { AlertSettingsChange, BotServices } from '../services.ts';

const typed: Record<string, (typeof alertInputs)[number]> = {
  tt: 'alertTime',
  qt: 'alertQuiet',
  cr: 'alertChurn',
  hv: 'alertHighValue',
};

/** The /alerts feature; `waitMs` ends an abandoned conversation (default 10 minutes). */
export function alertsFeatures(services: BotServices, waitMs = 10 * 60_000): Composer<BotContext> {
  const root = new Composer<BotContext>();
  for (const id of alertInputs) {
    root.use(
      createConversation<BotContext, Context>(alertInput(services, id), {
        id,
        maxMillisecondsToWait: waitMs,
      }),
    );
  }
  const { allowed, composer } = gated(staff, { commands: ['alerts'], callbacks: /^al:/ });
  root.use(composer);

  allowed.command('alerts', async (ctx) => {
    const settings = await services.alertSettings(ctx.caller);
    await ctx.reply(alertsText(settings, ctx.lang), {
      reply_markup: alertsKeyboard(settings, ctx.lang),
    });
  });

  /** Shows the menu in place of the pressed message (unchanged text is no error). */
  const showMenu = async (ctx: BotContext, note?: string) => {
    const settings = await services.alertSettings(ctx.caller);
    const text = `${note ? `${note}\n\n` : ''}${alertsText(settings, ctx.lang)}`;
    await ctx
      .editMessageText(text, { reply_markup: alertsKeyboard(settings, ctx.lang) })
      .catch(() => {});
  };

  const change = async (ctx: BotContext, wanted: AlertSettingsChange) => {
    const result = await services.updateAlertSettings(ctx.caller, wanted);
    if (!result.ok) {
      await ctx.answerCallbackQuery({
        text: refusedText(result, ctx.lang),
        show_alert: true,
      });
      return;
    }
    await ctx.answerCallbackQuery({ text: t('saved', ctx.lang) });
    await showMenu(ctx);
  };

  const submenu = async (ctx: BotContext, prompt: string, keyboard: InlineKeyboard) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(prompt, { reply_markup: keyboard }).catch(() => {});
  };

  allowed.callbackQuery('al:m', async (ctx) => {
    await ctx.answerCallbackQuery();
    await showMenu(ctx);
  });
  allowed.callbackQuery(/^al:d:(off|daily|weekly)$/, (ctx) =>
    change(ctx, { digest: ctx.match[1] as 'off' | 'daily' | 'weekly' }),
  );
  allowed.callbackQuery('al:t', (ctx) =>
    submenu(
      ctx,
      t('chooseTime', ctx.lang),
      choices(
        [
          ...commonTimes.map((h): [string, string] => [h, `al:t:${h}`]),
          [t('btnType', ctx.lang), 'al:tt'],
        ],
        4,
        ctx.lang,
      ),
    ),
  );
  allowed.callbackQuery(/^al:t:(\d\d:\d\d)$/, (ctx) => change(ctx, { digestTime: ctx.match[1] }));
  allowed.callbackQuery('al:w', (ctx) =>
    submenu(
      ctx,
      t('chooseWeekday', ctx.lang),
      choices(
        weekdayNames(ctx.lang).map((name, i): [string, string] => [name, `al:w:${i + 1}`]),
        4,
        ctx.lang,
      ),
    ),
  );
  allowed.callbackQuery(/^al:w:([1-7])$/, (ctx) => change(ctx, { weekday: Number(ctx.match[1]) }));
  allowed.callbackQuery('al:b', async (ctx) => {
    const { blocks } = await services.alertSettings(ctx.caller);
    const items = blocks.map((b): [string, string] => [
      `📷 ${blockLabel(b, ctx.lang)}`,
      `al:b:${b}`,
    ]);
    items.push([t('none', ctx.lang), 'al:b:-']);
    await submenu(ctx, t('chooseBlock', ctx.lang), choices(items, 3, ctx.lang));
  });
  allowed.callbackQuery(/^al:b:([a-z-]+)$/, (ctx) =>
    change(ctx, { screenshotBlock: ctx.match[1] === '-' ? null : ctx.match[1] }),
  );
  allowed.callbackQuery('al:q', (ctx) =>
    submenu(
      ctx,
      t('chooseQuiet', ctx.lang),
      choices(
        [
          ...commonQuiet.map((q): [string, string] => [q.replace('-', '–'), `al:q:${q}`]),
          [t('btnType', ctx.lang), 'al:qt'],
          [t('none', ctx.lang), 'al:q:-'],
        ],
        3,
        ctx.lang,
      ),
    ),
  );
  allowed.callbackQuery(/^al:q:(?:(\d\d:\d\d)-(\d\d:\d\d)|-)$/, (ctx) =>
    change(ctx, { quietStart: ctx.match[1] ?? null, quietEnd: ctx.match[2] ?? null }),
  );
  allowed.callbackQuery(/^al:f:([01])$/, (ctx) =>
    change(ctx, { failureAlerts: ctx.match[1] === '1' }),
  );
  allowed.callbackQuery(/^al:(tt|qt|cr|hv)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(typed[ctx.match[1] ?? '']!);
  });

  allowed.callbackQuery('al:x', async (ctx) => {
    await ctx.answerCallbackQuery({ text: t('preparingDigest', ctx.lang) });
    await ctx.replyWithChatAction('typing').catch(() => {});
    const digest = await services.testDigest(ctx.caller);
    await ctx.reply(digest.text);
    if (digest.screenshot?.ok) {
      await ctx.replyWithPhoto(new InputFile(digest.screenshot.png, 'digest.png'), {
        caption: digest.screenshot.caption,
      });
    } else if (digest.screenshot) {
      await ctx.reply(`${t('noScreenshot', ctx.lang)} ${reasonIn(digest.screenshot, ctx.lang)}`);
    }
  });

  return root;
}
