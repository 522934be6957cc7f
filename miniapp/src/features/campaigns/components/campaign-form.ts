// The new-campaign form's state and what it becomes: the preview's and the launch's bodies.
import type { NewCampaign, OfferKind, Target } from '../api/types';
import type { Words } from '../words';

export type CampaignForm = {
  name: string;
  code: string;
  title: string;
  kind: OfferKind;
  percentOff: string;
  amountOff: string;
  gift: string;
  giftCost: string;
  terms: string;
  segment?: string;
  region?: string;
  channel?: string;
  /** A saved audience's id. */
  audience?: string;
  /** Minimum churn probability in whole percent; 0 is no risk filter. */
  minChurn: number;
  minValueAtRisk: string;
  /** Control-group share in whole percent, 0–50. */
  controlShare: number;
  /** Local calendar days, YYYY-MM-DD. */
  start: string;
  end: string;
};

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const localDay = (day: string, plusDays = 0) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + plusDays);
};

export function emptyForm(today = new Date()): CampaignForm {
  const end = new Date(today);
  end.setDate(end.getDate() + 14);
  return {
    name: '',
    code: '',
    title: '',
    kind: 'discount_percent',
    percentOff: '10',
    amountOff: '',
    gift: '',
    giftCost: '',
    terms: '',
    minChurn: 0,
    minValueAtRisk: '',
    controlShare: 10,
    start: isoDay(today),
    end: isoDay(end),
  };
}

/** The server's rule: 3–20 letters, digits, `_` or `-` (upper-cased here). */
export const codePattern = /^[A-Z0-9_-]{3,20}$/;

/** A typed amount ("1 500,50" too); undefined when blank or not a number. */
export function amount(text: string): number | undefined {
  const cleaned = text.replace(/\s/g, '').replace(',', '.');
  if (cleaned === '') return undefined;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : undefined;
}

export function targetOf(f: CampaignForm): Target {
  const valueAtRisk = amount(f.minValueAtRisk);
  return {
    ...(f.segment ? { segment: f.segment } : {}),
    ...(f.region ? { region: f.region } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.audience ? { audience: Number(f.audience) } : {}),
    ...(f.minChurn > 0 ? { minChurnProbability: f.minChurn / 100 } : {}),
    ...(valueAtRisk !== undefined && valueAtRisk > 0 ? { minValueAtRisk: valueAtRisk } : {}),
  };
}

export const controlShareOf = (f: CampaignForm) => f.controlShare / 100;

/**
 * Start and end as instants: the campaign runs from the start of its first day (or now, when
 * that is today: a launch cannot begin in the past) to the end of its last, in local time.
 */
export function periodOf(f: CampaignForm, now = new Date()): { startAt: string; endAt: string } {
  const start = f.start === isoDay(now) ? now : localDay(f.start);
  const end = new Date(localDay(f.end, 1).getTime() - 1000);
  return { startAt: start.toISOString(), endAt: end.toISOString() };
}

export function requestOf(f: CampaignForm): NewCampaign {
  const offer: NewCampaign['offer'] = {
    code: f.code.trim(),
    title: f.title.trim(),
    kind: f.kind,
    ...(f.terms.trim() ? { terms: f.terms.trim() } : {}),
  };
  if (f.kind === 'discount_percent') offer.percentOff = Math.round(amount(f.percentOff) ?? 0);
  if (f.kind === 'discount_amount') offer.amountOff = amount(f.amountOff);
  if (f.kind === 'gift') {
    offer.gift = f.gift.trim();
    const cost = amount(f.giftCost);
    if (cost !== undefined) offer.giftCost = cost;
  }
  return {
    name: f.name.trim(),
    offer,
    target: targetOf(f),
    controlShare: controlShareOf(f),
    ...periodOf(f),
  };
}

/** What is wrong with the form, as keys of the texts; empty when it can be launched. */
export function problemsOf(f: CampaignForm): (keyof Words)[] {
  const problems: (keyof Words)[] = [];
  if (!f.name.trim()) problems.push('invalid_name');
  if (!codePattern.test(f.code.trim())) problems.push('invalid_code');
  if (!f.title.trim()) problems.push('invalid_title');
  const percent = amount(f.percentOff);
  if (f.kind === 'discount_percent' && !(percent !== undefined && percent >= 1 && percent <= 90)) {
    problems.push('invalid_percent');
  }
  const off = amount(f.amountOff);
  if (f.kind === 'discount_amount' && !(off !== undefined && off > 0)) {
    problems.push('invalid_amount');
  }
  if (f.kind === 'gift' && !f.gift.trim()) problems.push('invalid_gift');
  if (!f.start || !f.end || f.end < f.start) problems.push('invalid_dates');
  return problems;
}
