import { Choice } from '../../../components/choice';
import { errorMessage } from '../../../lib/api-client';
import { useAudiences } from '../../../lib/audiences';
import { t, useLang } from '../../../lib/i18n';
import { haptic } from '../../../lib/native';
import { useTargetOptions } from '../api/target-options';
import { useWords } from '../words';
import type { CampaignForm } from './campaign-form';
import { Field } from './field';

/** Who the campaign is for: segment, region, channel, saved audience, risk and value at risk;
 * the control. */
export function TargetFields({
  form,
  set,
}: {
  form: CampaignForm;
  set: (patch: Partial<CampaignForm>) => void;
}) {
  const lang = useLang();
  const w = useWords();
  const options = useTargetOptions();
  const audiences = useAudiences();
  const pick = (patch: Partial<CampaignForm>) => {
    haptic.selection();
    set(patch);
  };
  const o = options.data;
  return (
    <section className="block form" data-testid="target-fields">
      <h2>{w.targetDefinition}</h2>
      <div className="filters form-filters">
        <Choice
          label={w.segment}
          all={t('all', lang)}
          testId="target-segment"
          value={form.segment}
          options={o?.segments ?? []}
          onChange={(segment) => pick({ segment })}
        />
        <Choice
          label={w.region}
          all={t('all', lang)}
          testId="target-region"
          value={form.region}
          options={o?.regions ?? []}
          onChange={(region) => pick({ region })}
        />
        <Choice
          label={w.channel}
          all={t('all', lang)}
          testId="target-channel"
          value={form.channel}
          options={o?.channels ?? []}
          onChange={(channel) => pick({ channel })}
        />
        {(audiences.data?.length ?? 0) > 0 && (
          <Choice
            label={w.audience}
            all={t('all', lang)}
            testId="target-audience"
            value={form.audience}
            options={(audiences.data ?? []).map((a) => ({ value: String(a.id), label: a.name }))}
            onChange={(audience) => pick({ audience })}
          />
        )}
      </div>
      {options.isError && <p className="action-error">{errorMessage(options.error, lang)}</p>}
      <Field label={w.minChurn} aside={form.minChurn > 0 ? `${form.minChurn}%` : w.anyChurn}>
        <input
          type="range"
          min={0}
          max={100}
          step={5}
          value={form.minChurn}
          onChange={(e) => set({ minChurn: Number(e.target.value) })}
          data-testid="target-min-churn"
        />
      </Field>
      <Field label={w.minValueAtRisk}>
        <input
          inputMode="decimal"
          value={form.minValueAtRisk}
          placeholder="0"
          onChange={(e) => set({ minValueAtRisk: e.target.value })}
          data-testid="target-min-value"
        />
      </Field>
      <Field label={w.controlShare} aside={`${form.controlShare}%`}>
        <input
          type="range"
          min={0}
          max={50}
          step={1}
          value={form.controlShare}
          onChange={(e) => set({ controlShare: Number(e.target.value) })}
          data-testid="control-share"
        />
      </Field>
      <div className="field-pair">
        <Field label={w.startDate}>
          <input
            type="date"
            value={form.start}
            max={form.end}
            onChange={(e) => set({ start: e.target.value })}
            data-testid="campaign-start"
          />
        </Field>
        <Field label={w.endDate} problem="invalid_dates">
          <input
            type="date"
            value={form.end}
            min={form.start}
            onChange={(e) => set({ end: e.target.value })}
            data-testid="campaign-end"
          />
        </Field>
      </div>
    </section>
  );
}
