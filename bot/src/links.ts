// Ways into the Mini App: a web_app button in a private chat (Telegram opens the URL itself),
// or, in groups where web_app buttons are not allowed, a t.me link with a `startapp`
// parameter that opens the bot's main Mini App on the same screen, in the format the Mini App
// reads (encodeStartParam of @retention/contracts).
import { encodeStartParam } from '@retention/contracts';
import { InlineKeyboard } from 'grammy';
import type { BotContext } from './context.ts';

export type AppTarget =
  | { screen: 'home' }
  | { screen: 'dashboard'; from: string; to: string }
  | { screen: 'customer'; id: number };

export function startParam(target: AppTarget): string | undefined {
  if (target.screen === 'home') return undefined;
  if (target.screen === 'customer') return encodeStartParam(target);
  const filters = { from: target.from, to: target.to, granularity: 'month' } as const;
  return encodeStartParam({ screen: 'dashboard', filters });
}

function pathOf(target: AppTarget): string {
  if (target.screen === 'customer') return `/customers/${target.id}`;
  if (target.screen === 'dashboard') return `/?from=${target.from}&to=${target.to}`;
  return '/';
}

/** The Mini App's https URL for a screen; Telegram opens Mini Apps only over https. */
export function appUrl(ctx: BotContext, target: AppTarget = { screen: 'home' }) {
  if (!ctx.miniAppUrl?.startsWith('https://')) return undefined;
  return `${ctx.miniAppUrl}${pathOf(target)}`;
}

/** A button opening the Mini App on `target`, or undefined when there is no way to. */
export function appButton(ctx: BotContext, label: string, target: AppTarget) {
  const url = appUrl(ctx, target);
  if (!url) return undefined;
  if (ctx.chat?.type === 'private') return InlineKeyboard.webApp(label, url);
  const param = startParam(target);
  const link = `https://t.me/${ctx.me.username}${param ? `?startapp=${param}` : '?startapp'}`;
  return InlineKeyboard.url(label, link);
}
