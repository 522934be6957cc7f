import { countOf } from '@retention/contracts';
import { useState } from 'react';
import { Link } from 'wouter';
import { errorMessage } from '../lib/api-client';
import { type Audience, type AudienceMode, useSaveAudience } from '../lib/audiences';
import { t, useLang } from '../lib/i18n';
import { haptic } from '../lib/native';
import './save-audience.css';

/** Saves the list on screen as a named audience, live or as a snapshot. */
export function SaveAudience({ list, suggestedName }: { list: object; suggestedName: string }) {
  const lang = useLang();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(suggestedName);
  const [mode, setMode] = useState<AudienceMode>('live');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<Audience | null>(null);
  const save = useSaveAudience();

  if (saved) {
    return (
      <p className="audience-saved" data-testid="audience-saved" role="status">
        {t('saved', lang)}: <b>{saved.name}</b> · {countOf(saved.size, 'customers', lang)} ·{' '}
        <Link href={`/?audience=${saved.id}`} data-testid="audience-dashboard">
          {t('dashboardForThem', lang)}
        </Link>
      </p>
    );
  }
  if (!open) {
    return (
      <button
        type="button"
        className="link-button audience-open"
        data-testid="save-audience"
        onClick={() => setOpen(true)}
      >
        {t('saveAudience', lang)}
      </button>
    );
  }
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setProblem(t('audienceNameNeeded', lang));
      return;
    }
    setProblem(null);
    try {
      setSaved(await save.mutateAsync({ name: name.trim(), mode, list }));
      haptic.success();
    } catch (err) {
      haptic.error();
      setProblem(errorMessage(err, lang));
    }
  };
  return (
    <form className="block form audience-form" data-testid="audience-form" onSubmit={submit}>
      <h2>{t('saveAudienceTitle', lang)}</h2>
      <label className="field">
        <span className="field__label">{t('audienceName', lang)}</span>
        <input
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={problem !== null}
          data-testid="audience-name"
        />
      </label>
      {(['live', 'snapshot'] as const).map((m) => (
        <label key={m} className="audience-mode">
          <input
            type="radio"
            name="audience-mode"
            value={m}
            checked={mode === m}
            onChange={() => setMode(m)}
            data-testid={`audience-${m}`}
          />
          <span>
            <b>{t(m, lang)}</b> — {t(`${m}Hint`, lang)}
          </span>
        </label>
      ))}
      {problem && (
        <p className="action-error" role="alert" data-testid="audience-problem">
          {problem}
        </p>
      )}
      <div className="action-row">
        <button type="submit" disabled={save.isPending} data-testid="audience-submit">
          {t('saveAudience', lang)}
        </button>
      </div>
    </form>
  );
}
