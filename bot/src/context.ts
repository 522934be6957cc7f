import type { ConversationFlavor } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { Lang } from './i18n.ts';
import type { BotCaller, BotIdentity, BotServices, BotUser } from './services.ts';

/** What every handler gets: the update, who sent it (loaded once per update) and their language. */
export type BotContext = ConversationFlavor<Context> & {
  user: BotUser;
  identity: BotIdentity;
  /** `user` and `identity` together: what every service call takes, so none resolves them again. */
  caller: BotCaller;
  lang: Lang;
  services: BotServices;
  miniAppUrl: string | undefined;
  /** ISO 4217 code money is shown in; null: plain numbers. */
  currency: string | null;
};
