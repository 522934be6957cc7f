import { countOf, formatDate } from '@retention/contracts';
import { Link } from 'wouter';
import { BlockState } from '../../../components/block-state';
import { errorMessage } from '../../../lib/api-client';
import { type Audience, useAudiences } from '../../../lib/audiences';
import { t, useLang } from '../../../lib/i18n';
import { useMe } from '../../../lib/me';
import { confirmAction, haptic, useBackButton } from '../../../lib/native';
import { behindPath } from '../../../lib/paths';
import { useDeleteAudience } from '../api/delete-audience';
import { useAudienceWords } from '../words';
import './audiences.css';

/** One audience: its size (opens its customers), how it was made, the dashboard for it. */
function AudienceRow({ a, mayDelete }: { a: Audience; mayDelete: boolean }) {
  const lang = useLang();
  const w = useAudienceWords();
  const remove = useDeleteAudience();
  const onDelete = async () => {
    const ok = await confirmAction({
      title: w.removeTitle.replace('{name}', a.name),
      message: w.removeText,
      ok: w.remove,
      cancel: w.cancel,
      destructive: true,
    });
    if (!ok) return;
    try {
      await remove.mutateAsync(a.id);
      haptic.success();
    } catch {
      haptic.error();
    }
  };
  const filters = { granularity: 'month' as const, audience: String(a.id) };
  return (
    <li data-testid="audience-row" data-id={a.id}>
      <b translate="no">{a.name}</b>
      <span className="hint">
        {[
          t(a.mode, lang),
          a.scope ? `${w.region} ${a.scope}` : null,
          `${w.counted} ${formatDate(a.evaluatedAt, lang)}`,
        ]
          .filter(Boolean)
          .join(' · ')}
      </span>
      <span className="actions">
        <Link href={behindPath('selected', filters)} data-testid="audience-members">
          {countOf(a.size, 'customers', lang)} ›
        </Link>
        <Link href={`/?audience=${a.id}`}>{t('dashboardForThem', lang)}</Link>
        {mayDelete && (
          <button type="button" onClick={onDelete} disabled={remove.isPending}>
            {w.remove}
          </button>
        )}
      </span>
      {remove.isError && <p className="action-error">{errorMessage(remove.error, lang)}</p>}
    </li>
  );
}

/** The saved audiences the viewer may see; each opens its customers or the dashboard for it. */
export function AudiencesPage() {
  const w = useAudienceWords();
  const me = useMe().data;
  useBackButton('/');
  const audiences = useAudiences();
  return (
    <main className="page" data-testid="audiences-page">
      <h1 className="page-title">{w.audiences}</h1>
      <BlockState query={audiences} empty={(items) => items.length === 0 && w.none}>
        {(items) => (
          <ul className="audiences-list">
            {items.map((a) => (
              <AudienceRow
                key={a.id}
                a={a}
                mayDelete={me?.role === 'admin' || a.createdBy === me?.user.telegramId}
              />
            ))}
          </ul>
        )}
      </BlockState>
    </main>
  );
}
