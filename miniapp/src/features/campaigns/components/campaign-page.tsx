import { campaignStatuses, wordFor } from '@retention/contracts';
import { BlockState } from '../../../components/block-state';
import { CampaignEffect } from '../../../components/campaign-effect';
import { OfferBenefit } from '../../../components/offer-benefit';
import { Stat } from '../../../components/stat';
import { errorMessage } from '../../../lib/api-client';
import { formatDate, formatDateRange, formatValue } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { useMe } from '../../../lib/me';
import {
  confirmAction,
  haptic,
  hasSecondaryButton,
  useBackButton,
  useMainButton,
  useSecondaryButton,
} from '../../../lib/native';
import { useCampaignAction } from '../api/campaign-actions';
import { effectFilters, useCampaignEffect } from '../api/get-campaign-effect';
import { useCampaign } from '../api/get-campaigns';
import { useTargetOptions } from '../api/target-options';
import type { Campaign } from '../api/types';
import { fill, useWords } from '../words';
import { CampaignWeeks } from './campaign-weeks';
import { DeliveryCounts } from './delivery-counts';
import { UnreachableBlock } from './unreachable-block';
import './campaigns.css';

function Row({
  label,
  children,
  testId,
}: {
  label: React.ReactNode;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <div className="def-row">
      <span className="hint">{label}</span>
      <span data-testid={testId}>{children}</span>
    </div>
  );
}

function Definition({ c }: { c: Campaign }) {
  const lang = useLang();
  const w = useWords();
  const t = c.target;
  const segments = useTargetOptions().data?.segments;
  const segment = segments?.find((s) => s.value === t.segment)?.label ?? t.segment;
  const empty = Object.values(t).every((v) => v === undefined || v === null);
  return (
    <section className="block" data-testid="campaign-definition">
      <h2>{w.offer}</h2>
      <Row label={<span translate="no">{c.offer.code}</span>}>
        <OfferBenefit offer={c.offer} lang={lang} />
      </Row>
      <Row label={w.offerTitle}>
        <span translate="no">{c.offer.title}</span>
      </Row>
      {c.offer.giftCost !== null && (
        <Row label={w.giftCost}>{formatValue(c.offer.giftCost, 'money', lang)}</Row>
      )}
      {c.offer.terms && (
        <Row label={w.terms}>
          <span translate="no">{c.offer.terms}</span>
        </Row>
      )}
      <h2 className="subhead">{w.targetDefinition}</h2>
      {empty && <Row label={w.segment}>{w.everyone}</Row>}
      {t.segment && <Row label={w.segment}>{segment}</Row>}
      {t.region && <Row label={w.region}>{t.region}</Row>}
      {t.channel && <Row label={w.channel}>{t.channel}</Row>}
      {t.minChurnProbability != null && (
        <Row label={w.minChurn}>{formatValue(t.minChurnProbability, 'pct', lang)}</Row>
      )}
      {t.minValueAtRisk != null && (
        <Row label={w.minValueAtRisk}>{formatValue(t.minValueAtRisk, 'money', lang)}</Row>
      )}
      <Row label={w.controlShare} testId="campaign-control-share">
        {formatValue(c.controlShare, 'pct', lang)}
      </Row>
      <Row label={w.period}>{formatDateRange(c.startAt, c.endAt, lang)}</Row>
      {c.launchedAt && <Row label={w.launched}>{formatDate(c.launchedAt, lang)}</Row>}
    </section>
  );
}

/**
 * An admin's controls of a running or paused campaign: pause or resume sending on the
 * MainButton; stop (after Telegram's popup) on the SecondaryButton, or on the page where the
 * client has none.
 */
function CampaignControls({ c }: { c: Campaign }) {
  const lang = useLang();
  const w = useWords();
  const act = useCampaignAction(c.id);
  const run = async (action: 'stop' | 'pause' | 'resume') => {
    try {
      await act.mutateAsync(action);
      haptic.success();
    } catch {
      haptic.error();
    }
  };
  const stop = async () => {
    const ok = await confirmAction({
      title: fill(w.stopTitle, { name: c.name }),
      message: w.stopText,
      ok: w.stopOk,
      cancel: w.cancel,
      destructive: true,
    });
    if (ok) await run('stop');
  };
  const paused = c.status === 'paused';
  useMainButton({
    text: paused ? w.resume : w.pause,
    onClick: () => void run(paused ? 'resume' : 'pause'),
    busy: act.isPending,
  });
  const secondary = hasSecondaryButton();
  useSecondaryButton(
    secondary ? { text: w.stop, onClick: () => void stop(), busy: act.isPending } : null,
  );
  return (
    <div className="campaign-actions">
      {paused && (
        <p className="hint" data-testid="campaign-paused">
          {w.pausedHint}
        </p>
      )}
      {!secondary && (
        <button
          type="button"
          className="danger-button"
          disabled={act.isPending}
          onClick={() => void stop()}
          data-testid="campaign-stop"
        >
          {w.stop}
        </button>
      )}
      {act.error && (
        <p className="action-error" role="alert">
          {errorMessage(act.error, lang)}
        </p>
      )}
    </div>
  );
}

/** What the campaign did against its control group, with the customers behind each count. */
function Results({ c }: { c: Campaign }) {
  const w = useWords();
  const effect = useCampaignEffect(c);
  return (
    <section className="block" data-testid="campaign-results">
      <h2>{w.results}</h2>
      {effect.fetchStatus === 'idle' && effect.isPending ? (
        <p className="hint">{w.resultsLater}</p>
      ) : (
        <BlockState query={effect} empty={(e) => e === null && w.resultsNone}>
          {(e) =>
            e && (
              <>
                <CampaignEffect c={e} filters={effectFilters(c)} links heading={false} />
                <CampaignWeeks weeks={e.weeks} />
              </>
            )
          }
        </BlockState>
      )}
    </section>
  );
}

/** One campaign: its results, who it targets, how delivery went, who to reach another way. */
export function CampaignPage({ id }: { id: number }) {
  const lang = useLang();
  const w = useWords();
  useBackButton('/campaigns');
  const campaign = useCampaign(id);
  const admin = useMe().data?.role === 'admin';
  return (
    <main className="page" data-testid="campaign-page">
      <BlockState query={campaign}>
        {(c) => (
          <>
            <div className="page-head">
              <h1 className="page-title" data-testid="campaign-name" translate="no">
                {c.name}
              </h1>
              <span className={`chip status-${c.status}`} data-testid="campaign-status">
                {wordFor(campaignStatuses, c.status, lang)}
              </span>
            </div>
            <div className="kpi-grid campaign-stats">
              <Stat
                label={w.target}
                value={formatValue(c.members.target, 'int', lang)}
                testId="campaign-members-target"
              />
              <Stat
                label={w.control}
                value={formatValue(c.members.control, 'int', lang)}
                testId="campaign-members-control"
              />
              <Stat label={w.openedStat} value={formatValue(c.opened, 'int', lang)} />
              <Stat label={w.redeemedStat} value={formatValue(c.redeemed, 'int', lang)} />
            </div>
            {admin && (c.status === 'running' || c.status === 'paused') && (
              <CampaignControls c={c} />
            )}
            <Results c={c} />
            <section className="block" data-testid="campaign-delivery">
              <h2>{w.delivery}</h2>
              <DeliveryCounts delivery={c.delivery} />
            </section>
            <Definition c={c} />
          </>
        )}
      </BlockState>
      {campaign.data && <UnreachableBlock campaignId={id} />}
    </main>
  );
}
