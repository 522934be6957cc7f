// Typed alert settings (/alerts): a digest time, quiet hours, the churn-rate threshold, the
// high-value threshold (probability, then amount). Bad input is re-asked with the reason;
// /cancel stops; the staff role is checked again before saving (the server checks it too).
import type { Conversation } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { BotContext } from '../context.ts';
import { type Lang, langOf, type TextKey, t } from '../i18n.ts';
import { alertsKeyboard, alertsText } from '../keyboards/alerts-menu.ts';
import type { AlertSettingsChange, BotServices, BotUser } from '../services.ts';

export const alertInputs = ['alertTime', 'alertQuiet', 'alertChurn', 'alertHighValue'] as const;
export type AlertInput = (typeof alertInputs)[number];

type Parsed = { change: AlertSettingsChange } | { problem: TextKey };

const timeRe = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const pad = (hhmm: string) => hhmm.padStart(5, '0');
const off = (text: string) => /^(off|no|none|нет|выкл\.?)$/i.test(text);
const number = (text: string) => {
  const n = Number(text.replace(',', '.').replace(/[\s%]/g, ''));
  return text.trim() !== '' && Number.isFinite(n) ? n : null;
};

const parsers: Record<Exclude<AlertInput, 'alertHighValue'>, (text: string) => Parsed> = {
  alertTime: (text) =>
    timeRe.test(text) ? { change: { digestTime: pad(text) } } : { problem: 'badTime' },
  alertQuiet: (text) => {
    if (off(text)) return { change: { quietStart: null, quietEnd: null } };
    const [start = '', end = ''] = text.split(/\s*[-–—]\s*/);
    if (!timeRe.test(start) || !timeRe.test(end)) return { problem: 'badQuiet' };
    return { change: { quietStart: pad(start), quietEnd: pad(end) } };
  },
  alertChurn: (text) => {
    if (off(text)) return { change: { churnRateAbove: null } };
    const n = number(text);
    return n === null ? { problem: 'badNumber' } : { change: { churnRateAbove: n } };
  },
};

const prompts: Record<AlertInput, TextKey> = {
  alertTime: 'askDigestTime',
  alertQuiet: 'askQuiet',
  alertChurn: 'askChurnRate',
  alertHighValue: 'askProbability',
};

function userOf(ctx: Context): BotUser {
  const { id, first_name, last_name, username, language_code } = ctx.from!;
  return { id, first_name, last_name, username, language_code };
}

async function ask(conversation: Conversation<BotContext, Context>, lang: Lang) {
  const answer = await conversation.waitFor('message:text', {
    otherwise: (c) => c.reply(t('sendText', lang)),
  });
  return { answer, text: answer.message.text.trim() };
}

/** One typed setting, as a conversation with the given id. */
export function alertInput(services: BotServices, id: AlertInput) {
  return async (conversation: Conversation<BotContext, Context>, ctx: Context) => {
    const lang = langOf(ctx.from?.language_code);
    const user = userOf(ctx);
    await ctx.reply(t(prompts[id], lang));
    for (;;) {
      let { answer, text } = await ask(conversation, lang);
      let parsed: Parsed;
      if (id === 'alertHighValue') {
        if (off(text)) parsed = { change: { churnProbabilityAtLeast: null } };
        else {
          const p = number(text);
          if (p === null) parsed = { problem: 'badNumber' };
          else {
            await answer.reply(t('askHighValue', lang));
            ({ answer, text } = await ask(conversation, lang));
            const amount = number(text);
            parsed =
              amount === null
                ? { problem: 'badNumber' }
                : { change: { churnProbabilityAtLeast: p, highValueFrom: amount } };
          }
        }
      } else {
        parsed = parsers[id](text);
      }
      if ('problem' in parsed) {
        await answer.reply(
          `${t('refusedBecause', lang)} ${t(parsed.problem, lang)}. ${t(prompts[id], lang)}`,
        );
        continue;
      }
      const identity = await conversation.external(() => services.identify(user));
      if (identity.role !== 'admin' && identity.role !== 'manager') {
        await answer.reply(t('refused', lang));
        return;
      }
      const change = parsed.change;
      const result = await conversation.external(() =>
        services.updateAlertSettings({ user, identity }, change),
      );
      if (!result.ok) {
        await answer.reply(
          `${t('refusedBecause', lang)} ${result.reason}. ${t(prompts[id], lang)}`,
        );
        continue;
      }
      await answer.reply(`${t('saved', lang)}\n\n${alertsText(result.settings, lang)}`, {
        reply_markup: alertsKeyboard(result.settings, lang),
      });
      return;
    }
  };
}
