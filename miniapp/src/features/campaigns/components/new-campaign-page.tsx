import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { offerBenefit } from '../../../components/offer-benefit';
import { errorMessage } from '../../../lib/api-client';
import { formatValue } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import {
  confirmAction,
  haptic,
  useBackButton,
  useClosingConfirmation,
  useMainButton,
} from '../../../lib/native';
import { useCreateCampaign } from '../api/create-campaign';
import {
  type PreviewRequest,
  previewQueryOptions,
  useCampaignPreview,
} from '../api/preview-campaign';
import { fill, useWords } from '../words';
import {
  type CampaignForm,
  controlShareOf,
  emptyForm,
  problemsOf,
  requestOf,
  targetOf,
} from './campaign-form';
import { Field, ShownProblems } from './field';
import { OfferFields } from './offer-fields';
import { PreviewPanel } from './preview-panel';
import { TargetFields } from './target-fields';
import { useDebounced } from './use-debounced';
import './campaigns.css';

/**
 * An admin defines a campaign, sees who it would reach (the preview follows every change),
 * and launches it with the MainButton after Telegram's confirmation popup. Closing the app
 * with unsaved changes asks first.
 */
export function NewCampaignPage() {
  const lang = useLang();
  const w = useWords();
  const [, navigate] = useLocation();
  const client = useQueryClient();
  useBackButton('/campaigns');
  const [initial] = useState(emptyForm);
  const [form, setForm] = useState(initial);
  const [showProblems, setShowProblems] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [launched, setLaunched] = useState(false);
  const create = useCreateCampaign();
  const set = (patch: Partial<CampaignForm>) => {
    setError(null);
    setForm((f) => ({ ...f, ...patch }));
  };

  const body: PreviewRequest = { target: targetOf(form), controlShare: controlShareOf(form) };
  const key = JSON.stringify(body);
  const settled = useDebounced(key, 400);
  const preview = useCampaignPreview(JSON.parse(settled) as PreviewRequest);
  const problems = problemsOf(form);
  const dirty = !launched && JSON.stringify(form) !== JSON.stringify(initial);
  useClosingConfirmation(dirty);

  // After a refused launch: the first field with a problem (or the server's refusal) in view,
  // and the field focused; the Launch button is Telegram's, at the bottom of the screen.
  const [jumps, setJumps] = useState(0);
  useEffect(() => {
    if (jumps === 0) return;
    const target =
      document.querySelector<HTMLElement>('.field--invalid') ??
      document.querySelector<HTMLElement>('[data-testid="launch-error"]');
    target?.scrollIntoView({ block: 'center' });
    target?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [jumps]);

  const launch = async () => {
    setError(null);
    if (problems.length > 0) {
      setShowProblems(true);
      haptic.error();
      setJumps((n) => n + 1);
      return;
    }
    const request = requestOf(form);
    try {
      // The numbers the popup names are those of exactly this target.
      const p = await client.fetchQuery(previewQueryOptions(body));
      if (p.size === 0) throw new Error(w.invalid_empty);
      const int = (n: number) => formatValue(n, 'int', lang);
      const ok = await confirmAction({
        title: fill(w.confirmLaunch, { name: request.name }),
        message: fill(w.confirmText, {
          offer: `${request.offer.code} (${offerBenefit(
            {
              ...request.offer,
              percentOff: request.offer.percentOff ?? null,
              amountOff: request.offer.amountOff?.toFixed(2) ?? null,
              gift: request.offer.gift ?? null,
            },
            lang,
          )})`,
          size: int(p.size),
          treatment: int(p.treatment),
          telegram: int(p.withTelegram),
          other: int(p.withoutTelegram),
          optedOut: int(p.optedOut),
          control: int(p.control),
          value: formatValue(p.valueAtRisk, 'money', lang),
        }),
        ok: w.confirm,
        cancel: w.cancel,
      });
      if (!ok) return;
      const campaign = await create.mutateAsync(request);
      haptic.success();
      setLaunched(true);
      navigate(`/campaigns/${campaign.id}`);
    } catch (e) {
      haptic.error();
      setError(errorMessage(e, lang));
      setJumps((n) => n + 1);
    }
  };

  useMainButton({ text: w.launch, busy: create.isPending, onClick: () => void launch() });

  return (
    <ShownProblems.Provider value={showProblems ? problems : []}>
      <main className="page" data-testid="new-campaign-page">
        <h1 className="page-title">{w.newCampaign}</h1>
        <section className="block form">
          <Field label={w.name} problem="invalid_name">
            <input
              value={form.name}
              maxLength={100}
              placeholder={w.namePlaceholder}
              onChange={(e) => set({ name: e.target.value })}
              data-testid="campaign-name-input"
            />
          </Field>
        </section>
        <OfferFields form={form} set={set} />
        <TargetFields form={form} set={set} />
        <PreviewPanel preview={preview} stale={settled !== key} />
        {error && (
          <section className="block" role="alert" data-testid="launch-error">
            <p className="action-error">{error}</p>
          </section>
        )}
      </main>
    </ShownProblems.Provider>
  );
}
