// The message that delivers a campaign's offer to a client: what it is and until when, with a
// button that reveals the personal code (the press is recorded as opening the offer) and, when
// the Mini App has an https address, a button opening it.

import { formatDate } from '@retention/contracts';
import { InlineKeyboard } from 'grammy';
import { escapeHtml } from './format.ts';
import { type Lang, t } from './i18n.ts';

export interface DeliveredOffer {
  assignmentId: number;
  title: string;
  kind: 'discount_percent' | 'discount_amount' | 'gift';
  percentOff: number | null;
  /** Decimal amount with 2 places. */
  amountOff: string | null;
  gift: string | null;
  terms: string | null;
  validTo: Date;
  customerName: string | null;
}

/** Callback data of the "Get my code" button: `oc:<assignment id>`. */
export const openOfferData = (assignmentId: number) => `oc:${assignmentId}`;

export function benefitText(o: DeliveredOffer, lang: Lang): string {
  if (o.kind === 'discount_percent') return `${t('discount', lang)} ${o.percentOff}%`;
  if (o.kind === 'discount_amount') return `${t('discount', lang)} ${o.amountOff}`;
  return `${t('gift', lang)}: ${o.gift}`;
}

export function offerMessage(o: DeliveredOffer, lang: Lang, miniAppUrl?: string) {
  // HTML mode for the bold title; every line is escaped text, whoever wrote it (the customer's
  // name comes from the shop's data, the title, gift and terms from staff).
  const hello = o.customerName ? `${o.customerName}, ` : '';
  const benefit = `${benefitText(o, lang)}, ${t('validUntil', lang)} ${formatDate(o.validTo, lang)}.`;
  const lines = [
    escapeHtml(`🎁 ${hello}${t('offerForYou', lang)}`),
    '',
    `<b>${escapeHtml(o.title)}</b>`,
    escapeHtml(benefit),
  ];
  if (o.terms) lines.push(escapeHtml(o.terms));
  lines.push('', escapeHtml(t('tapForCode', lang)), escapeHtml(t('stopOffersHint', lang)));
  const keyboard = new InlineKeyboard().text(t('getCode', lang), openOfferData(o.assignmentId));
  if (miniAppUrl?.startsWith('https://')) keyboard.row().webApp(t('openApp', lang), miniAppUrl);
  return { text: lines.join('\n'), parse_mode: 'HTML' as const, reply_markup: keyboard };
}
