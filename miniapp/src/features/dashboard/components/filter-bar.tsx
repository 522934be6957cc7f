import type { Filters } from '@retention/contracts';
import { Link } from 'wouter';
import { Choice } from '../../../components/choice';
import { t, useLang } from '../../../lib/i18n';
import { haptic } from '../../../lib/native';
import { useBusinessToday } from '../../live/use-live-updates';

const presets = [
  { months: 3, label: 'months3' },
  { months: 6, label: 'months6' },
  { months: 12, label: 'months12' },
] as const;

/** The first day of the month `months - 1` months before `today` (the business's, YYYY-MM-DD). */
function isoMonthsBack(months: number, today: string | null): string {
  const d = today ? new Date(`${today}T00:00:00Z`) : new Date();
  d.setUTCMonth(d.getUTCMonth() - months + 1, 1);
  return d.toISOString().slice(0, 10);
}

/** Period presets or a custom range, granularity, region, acquisition channel and saved
 * audience; every change goes to the URL. */
export function FilterBar({
  filters,
  onChange,
  regions,
  channels,
  audiences,
}: {
  filters: Filters;
  onChange: (next: Filters) => void;
  regions: string[];
  channels: string[];
  /** Saved audiences (value: the id). */
  audiences: { value: string; label: string }[];
}) {
  const lang = useLang();
  const today = useBusinessToday();
  const set = (next: Filters) => {
    haptic.selection();
    onChange(next);
  };
  return (
    <div className="filters" data-testid="filters">
      {presets.map((p) => {
        const from = isoMonthsBack(p.months, today);
        return (
          <button
            key={p.months}
            type="button"
            aria-pressed={filters.from === from && !filters.to}
            onClick={() => set({ ...filters, from, to: undefined })}
          >
            {t(p.label, lang)}
          </button>
        );
      })}
      <button
        type="button"
        aria-pressed={filters.granularity === 'week'}
        onClick={() =>
          set({ ...filters, granularity: filters.granularity === 'week' ? 'month' : 'week' })
        }
      >
        {t(filters.granularity === 'week' ? 'week' : 'month', lang)}
      </button>
      <input
        type="date"
        aria-label={t('from', lang)}
        data-testid="filter-from"
        value={filters.from ?? ''}
        max={filters.to}
        onChange={(e) => set({ ...filters, from: e.target.value || undefined })}
      />
      <input
        type="date"
        aria-label={t('to', lang)}
        data-testid="filter-to"
        value={filters.to ?? ''}
        min={filters.from}
        onChange={(e) => set({ ...filters, to: e.target.value || undefined })}
      />
      {regions.length > 0 && (
        <Choice
          label={t('region', lang)}
          all={t('all', lang)}
          testId="filter-region"
          value={filters.region}
          options={regions}
          onChange={(region) => set({ ...filters, region })}
        />
      )}
      {channels.length > 0 && (
        <Choice
          label={t('channel', lang)}
          all={t('all', lang)}
          testId="filter-channel"
          value={filters.channel}
          options={channels}
          onChange={(channel) => set({ ...filters, channel })}
        />
      )}
      {audiences.length > 0 && (
        <Choice
          label={t('audience', lang)}
          all={t('all', lang)}
          testId="filter-audience"
          value={filters.audience}
          options={audiences}
          onChange={(audience) => set({ ...filters, audience })}
        />
      )}
      <Link href="/audiences" className="filters-link" data-testid="audiences-link">
        {t('audiencesLink', lang)}
      </Link>
    </div>
  );
}
