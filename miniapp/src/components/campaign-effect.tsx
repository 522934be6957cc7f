// One campaign's effect: targeted against control (retention and revenue per member, uplift
// with its 95% interval), redemptions, incremental revenue, cost and ROI; each count opens its
// customers. Shown in the dashboard's campaigns block and on the campaign's own page.
import {
  type CampaignsReport,
  campaignStatuses,
  type Filters,
  type ListKind,
  wordFor,
} from '@retention/contracts';
import { Link } from 'wouter';
import type { z } from 'zod';
import { formatDateRange, formatDelta, formatValue, type Kind } from '../lib/format';
import { type Lang, useLang } from '../lib/i18n';
import { behindPath } from '../lib/paths';

export type Effect = z.input<typeof CampaignsReport>['campaigns'][number];

export const campaignWords = {
  en: {
    target: 'Targeted',
    control: 'Control',
    retention: 'retention',
    redeemed: 'redeemed',
    uplift: 'Uplift',
    perMember: 'revenue per member',
    none: 'No campaign in this period.',
    notSig: 'not significant',
    incremental: 'Incremental revenue',
    cost: 'Cost of discounts',
    roi: 'ROI',
    all: 'All campaigns',
    create: 'New campaign',
  },
  ru: {
    target: 'Целевая',
    control: 'Контроль',
    retention: 'удержание',
    redeemed: 'погашено',
    uplift: 'Эффект',
    perMember: 'выручка на участника',
    none: 'В этом периоде кампаний нет.',
    notSig: 'незначимо',
    incremental: 'Доп. выручка',
    cost: 'Стоимость скидок',
    roi: 'ROI',
    all: 'Все кампании',
    create: 'Новая кампания',
  },
};
const words = campaignWords;

/** An uplift with its 95% interval: "+3.4 pp [−12.7 pp, +19.5 pp]". */
function interval(
  u: { estimate: number | string; low: number | string; high: number | string } | null,
  kind: Kind,
  lang: Lang,
): string {
  if (!u) return '—';
  return `${formatDelta(u.estimate, kind, lang)} [${formatDelta(u.low, kind, lang)}, ${formatDelta(u.high, kind, lang)}]`;
}

/** The money side: what the campaign brought in beyond control, what it cost, the return. */
function Economics({ c, w, lang }: { c: Effect; w: (typeof words)['en']; lang: Lang }) {
  return (
    <div className="campaign-economics" data-testid="campaign-economics">
      <span>
        <span className="hint">{w.incremental}</span>{' '}
        <span data-testid="campaign-incremental">
          {formatValue(c.incrementalRevenue, 'money', lang)}
        </span>
      </span>
      <span>
        <span className="hint">{w.cost}</span>{' '}
        <span data-testid="campaign-cost">{formatValue(c.discountCost, 'money', lang)}</span>
      </span>
      <span>
        <span className="hint">{w.roi}</span>{' '}
        <span data-testid="campaign-roi">{formatValue(c.roi, 'pct', lang)}</span>
      </span>
    </div>
  );
}

/** A campaign group's count, opening its members when the block has links. */
function GroupCount(p: {
  kind: ListKind;
  n: number;
  campaign: number;
  filters: Filters;
  links: boolean;
}) {
  const lang = useLang();
  const n = formatValue(p.n, 'int', lang);
  if (!p.links) return <>{n}</>;
  const target = { campaign: p.campaign };
  return (
    <Link
      href={behindPath(p.kind, p.filters, { target })}
      className="count-link"
      data-testid={`${p.kind}-list`}
    >
      {n} ›
    </Link>
  );
}

/**
 * The campaign's figures; `heading` adds its name (opening its page), dates and status, `links`
 * makes its counts open their customers (screenshots go without).
 */
export function CampaignEffect({
  c,
  filters,
  links,
  heading,
}: {
  c: Effect;
  filters: Filters;
  links: boolean;
  heading: boolean;
}) {
  const lang = useLang();
  const w = words[lang];
  const group = (campaign: number) => ({ campaign, filters, links });
  const groups = [
    ['campaignTargeted', w.target, c.target],
    ['campaignControl', w.control, c.control],
  ] as const;
  return (
    <div className="campaign" data-testid="campaign">
      {heading && (
        <div>
          <Link href={`/campaigns/${c.id}`} className="campaign-name" translate="no">
            <strong>{c.name}</strong>
          </Link>{' '}
          <span className="hint">
            {formatDateRange(c.startDay, c.endDay, lang)} ·{' '}
            {wordFor(campaignStatuses, c.status, lang)}
          </span>
        </div>
      )}
      <div className="hint">
        {w.redeemed} <GroupCount kind="campaignRedeemed" n={c.redeemed} {...group(c.id)} /> (
        {formatValue(c.redemptionRate, 'pct', lang)})
      </div>
      <table className="summary wrap-cells">
        <thead>
          <tr>
            <th />
            <th>{w.retention}</th>
            <th>{w.perMember}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map(([kind, label, g]) => (
            <tr key={kind}>
              <th>
                {label} <GroupCount kind={kind} n={g.members} {...group(c.id)} />
              </th>
              <td>{formatValue(g.retention, 'pct', lang)}</td>
              <td>{formatValue(g.revenuePerMember, 'money', lang)}</td>
            </tr>
          ))}
          <tr>
            <th>{w.uplift}</th>
            <td data-testid="campaign-retention-uplift">
              {interval(c.retentionUplift, 'pct', lang)}
              {c.retentionUplift && !c.retentionUplift.significant && ` · ${w.notSig}`}
            </td>
            <td>{interval(c.revenueUplift, 'money', lang)}</td>
          </tr>
        </tbody>
      </table>
      <Economics c={c} w={w} lang={lang} />
    </div>
  );
}
