import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { t, useLang } from '../lib/i18n';

/**
 * The states of a block: a skeleton while loading, the error with a retry, an empty state
 * that says why, else the content. `empty` returns true (no data) or a reason to show.
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
        <p>{query.error.message}</p>
        <button type="button" onClick={() => void query.refetch()}>
          {t('retry', lang)}
        </button>
      </div>
    );
  }
  const none = empty?.(query.data);
  if (none) return <p className="hint">{typeof none === 'string' ? none : t('noData', lang)}</p>;
  return <>{children(query.data)}</>;
}
