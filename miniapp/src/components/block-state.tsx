import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { errorMessage, isApiError } from '../lib/api-client';
import { type Lang, t, useLang } from '../lib/i18n';
import './block-state.css';

const failures = {
  busy: {
    en: 'The server is busy right now; try again in a few seconds.',
    ru: 'Сервер сейчас занят; повторите через несколько секунд.',
  },
  tooMany: {
    en: 'Too many requests; wait a moment and try again.',
    ru: 'Слишком много запросов; подождите немного и повторите.',
  },
  server: { en: 'The server failed to answer', ru: 'Сервер не смог ответить' },
  refused: { en: 'The server refused the request', ru: 'Сервер отклонил запрос' },
};

/**
 * A failed block in the viewer's language: what happened, and for a refusal the server's own
 * reason after it (translated when the server sent it as a reason, else as it came).
 */
function errorText(error: Error, lang: Lang): string {
  if (!isApiError(error)) return error.message;
  if (error.serverUnreachable) return t('unreachableText', lang);
  if (error.status === 503) return failures.busy[lang];
  if (error.status === 429) return failures.tooMany[lang];
  const lead = error.status >= 500 ? failures.server : failures.refused;
  const reason = errorMessage(error, lang);
  return lang === 'en' ? reason : `${lead[lang]}: ${reason}`;
}

/**
 * The states of a block: a skeleton while loading, the error with a retry, an empty state
 * that says why, else the content. `empty` returns true (no data) or a reason to show. While
 * a changed filter loads, the previous answer stays dimmed under a moving bar (busy), so old
 * numbers never pass for the new filter's.
 */
export function BlockState<T>({
  query,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  empty?: (data: T) => boolean | string;
  children: (data: T) => ReactNode;
}) {
  const lang = useLang();
  if (query.isPending) return <div className="skeleton" aria-busy="true" data-testid="skeleton" />;
  if (query.isError) {
    return (
      <div className="block-error" role="alert">
        <p>{errorText(query.error, lang)}</p>
        <button type="button" onClick={() => void query.refetch()}>
          {t('retry', lang)}
        </button>
      </div>
    );
  }
  const busy = query.isPlaceholderData;
  const none = empty?.(query.data);
  return (
    <div className={busy ? 'block-busy' : 'block-ready'} aria-busy={busy}>
      {none ? (
        <p className="hint">{typeof none === 'string' ? none : t('noData', lang)}</p>
      ) : (
        children(query.data)
      )}
    </div>
  );
}
