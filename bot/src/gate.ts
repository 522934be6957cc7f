// Role gates. Every feature is a Composer behind one; callback queries pass the same gate as
// commands, so a forwarded or replayed button grants nothing its presser may not do.
import { knownRoles, staffRoles } from '@retention/contracts';
import { Composer } from 'grammy';
import type { BotContext } from './context.ts';
import { t } from './i18n.ts';
import type { BotRole } from './services.ts';

export const staff: readonly BotRole[] = staffRoles;
export const known: readonly BotRole[] = knownRoles;

/** Says no, in a message or (for a button) an alert, and shows nothing else. */
export async function refuse(ctx: BotContext): Promise<void> {
  if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery({ text: t('refused', ctx.lang), show_alert: true });
  } else {
    await ctx.reply(t('refused', ctx.lang));
  }
}

/**
 * A Composer whose handlers run only for `roles`. `commands` and `callbacks` (data prefixes)
 * are what it answers: anyone else sending them is refused; other updates pass by untouched.
 */
export function gated(
  roles: readonly BotRole[],
  answers: { commands?: string[]; callbacks?: RegExp },
): { allowed: Composer<BotContext>; composer: Composer<BotContext> } {
  const composer = new Composer<BotContext>();
  const allowed = composer.filter((ctx) => roles.includes(ctx.identity.role));
  const others = composer.filter((ctx) => !roles.includes(ctx.identity.role));
  if (answers.commands?.length) others.command(answers.commands, refuse);
  if (answers.callbacks) others.callbackQuery(answers.callbacks, refuse);
  return { allowed, composer };
}
