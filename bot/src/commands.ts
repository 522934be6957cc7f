// The commands each role has: shown by /help and registered with Telegram (setMyCommands,
// scoped to the user's chat) so the command menu lists only what works for them.
import type { Lang, TextKey } from './i18n.ts';
import { t } from './i18n.ts';
import type { BotRole } from './services.ts';

const staffCommands: [string, TextKey][] = [
  ['analytics', 'cmdAnalytics'],
  ['customer', 'cmdCustomer'],
  ['find', 'cmdUsers'],
  ['recommendations', 'cmdRecommendations'],
  ['products', 'cmdProducts'],
  ['alerts', 'cmdAlerts'],
];

const byRole: Record<BotRole, [string, TextKey][]> = {
  admin: [...staffCommands, ['grant', 'cmdGrant'], ['revoke', 'cmdRevoke']],
  manager: staffCommands,
  client: [
    ['stats', 'cmdStats'],
    ['offers', 'cmdOffers'],
    ['recommendations', 'cmdRecommendations'],
    ['products', 'cmdProducts'],
    ['support', 'cmdSupport'],
    ['stop_offers', 'cmdStopOffers'],
    ['start_offers', 'cmdStartOffers'],
  ],
  unknown: [],
};

export function commandsFor(role: BotRole, lang: Lang) {
  const all: [string, TextKey][] = [
    ['start', 'cmdStart'],
    ...byRole[role],
    ['help', 'cmdHelp'],
    ['cancel', 'cmdCancel'],
  ];
  return all.map(([command, key]) => ({ command, description: t(key, lang) }));
}
