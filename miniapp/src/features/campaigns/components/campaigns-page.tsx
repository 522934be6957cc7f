import { campaignStatuses, wordFor } from '@retention/contracts';
import { Link } from 'wouter';
import { BlockState } from '../../../components/block-state';
import { OfferBenefit } from '../../../components/offer-benefit';
import { formatDateRange, formatValue } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { useBackButton } from '../../../lib/native';
import { useCampaigns } from '../api/get-campaigns';
import { useWords } from '../words';
import { DeliveryCounts } from './delivery-counts';
import './campaigns.css';

/** Every campaign for staff, newest first; an admin also starts a new one from here. */
export function CampaignsPage({ admin }: { admin: boolean }) {
  const lang = useLang();
  const w = useWords();
  useBackButton('/');
  const campaigns = useCampaigns();
  return (
    <main className="page" data-testid="campaigns-page">
      <div className="page-head">
        <h1 className="page-title">{w.campaigns}</h1>
        {admin && (
          <Link href="/campaigns/new" className="link-button" data-testid="new-campaign">
            + {w.newCampaign}
          </Link>
        )}
      </div>
      <section className="block">
        <BlockState query={campaigns} empty={(r) => r.items.length === 0 && w.none}>
          {(r) =>
            r.items.map((c) => (
              <Link
                key={c.id}
                href={`/campaigns/${c.id}`}
                className="campaign-row"
                data-testid="campaign-row"
              >
                <div className="campaign-row__head">
                  <strong translate="no">{c.name}</strong>
                  <span className={`chip status-${c.status}`}>
                    {wordFor(campaignStatuses, c.status, lang)}
                  </span>
                </div>
                <div className="hint">
                  <span translate="no">{c.offer.code}</span> ·{' '}
                  <OfferBenefit offer={c.offer} lang={lang} /> ·{' '}
                  {formatDateRange(c.startAt, c.endAt, lang)}
                </div>
                <div className="hint">
                  {w.target} {formatValue(c.members.target, 'int', lang)} · {w.control}{' '}
                  {formatValue(c.members.control, 'int', lang)} · {w.opened}{' '}
                  {formatValue(c.opened, 'int', lang)} · {w.redeemed}{' '}
                  {formatValue(c.redeemed, 'int', lang)}
                </div>
                <DeliveryCounts delivery={c.delivery} />
              </Link>
            ))
          }
        </BlockState>
      </section>
    </main>
  );
}
