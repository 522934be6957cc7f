import type { Filters } from '@retention/contracts';
import { blockTitles } from '@retention/contracts';
import { Link } from 'wouter';
import { BlockState } from '../../../components/block-state';
import { CampaignEffect, campaignWords } from '../../../components/campaign-effect';
import { ShareButton } from '../../../components/share-button';
import { useLang } from '../../../lib/i18n';
import { useMe } from '../../../lib/me';
import { useReport } from '../api/reports';
import { HowComputed } from './how-computed';

const words = campaignWords;

/**
 * Each campaign running in the range, targeted against control (components/campaign-effect.tsx);
 * each campaign opens its page. `links`
 * adds the way to the campaign list (and for admins, to a new one); screenshots go without.
 */
export function CampaignsBlock({ filters, links = true }: { filters: Filters; links?: boolean }) {
  const lang = useLang();
  const w = words[lang];
  const report = useReport('campaigns', filters);
  const admin = useMe().data?.role === 'admin';
  return (
    <section className="block" data-testid="block-campaigns">
      <h2>
        {blockTitles.campaigns[lang]}
        <ShareButton block="campaigns" filters={filters} />
      </h2>
      {links && (
        <div className="campaign-links">
          <Link href="/campaigns" data-testid="campaigns-link">
            {w.all} ›
          </Link>
          {admin && (
            <Link href="/campaigns/new" data-testid="new-campaign-link">
              + {w.create}
            </Link>
          )}
        </div>
      )}
      <BlockState query={report} empty={(r) => r.campaigns.length === 0 && w.none}>
        {(r) => (
          <>
            {r.campaigns.map((c) => (
              <CampaignEffect key={c.id} c={c} filters={filters} links={links} heading />
            ))}
            <HowComputed definition={r.definition} />
          </>
        )}
      </BlockState>
    </section>
  );
}
