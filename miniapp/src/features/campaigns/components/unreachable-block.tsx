import { useState } from 'react';
import { BlockState } from '../../../components/block-state';
import { CsvExport } from '../../../components/csv-export';
import { formatPhone, formatValue } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { getUnreachableCsv, unreachablePageSize, useUnreachable } from '../api/get-unreachable';
import { useWords, wordFor } from '../words';

/** The treatment customers to reach by e-mail or phone instead, page by page, and as CSV. */
export function UnreachableBlock({ campaignId }: { campaignId: number }) {
  const lang = useLang();
  const w = useWords();
  const [page, setPage] = useState(1);
  const list = useUnreachable(campaignId, page);
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / unreachablePageSize));
  return (
    <section className="block" data-testid="campaign-unreachable">
      <h2>
        {w.unreachable}
        {list.data && ` · ${formatValue(list.data.total, 'int', lang)}`}
      </h2>
      <p className="hint">{w.unreachableHint}</p>
      <BlockState query={list} empty={(r) => r.total === 0 && w.noUnreachable}>
        {(r) => (
          <>
            <ul className="plain-list">
              {r.items.map((c) => (
                <li key={c.customerId} className="contact-row" data-testid="unreachable-row">
                  <div className="contact-row__name">
                    <span translate="no">{c.name ?? `#${c.customerId}`}</span>
                    <span className="chip">{wordFor(w, 'reason', c.reason)}</span>
                  </div>
                  <div className="hint contact-row__ways" translate="no">
                    <code data-testid="unreachable-code">{c.code}</code>
                    {c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}
                    {c.phone && (
                      <a href={`tel:${formatPhone(c.phone).replace(/[^\d+]/g, '')}`}>
                        {formatPhone(c.phone)}
                      </a>
                    )}
                  </div>
                </li>
              ))}
            </ul>
            {pages > 1 && (
              <div className="pager">
                <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                  ‹ {w.previous}
                </button>
                <span className="hint">
                  {page} {w.pageOf} {pages}
                </span>
                <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                  {w.next} ›
                </button>
              </div>
            )}
            <CsvExport
              load={() => getUnreachableCsv(campaignId)}
              fileName={`campaign-${campaignId}-other-channels.csv`}
            />
          </>
        )}
      </BlockState>
    </section>
  );
}
