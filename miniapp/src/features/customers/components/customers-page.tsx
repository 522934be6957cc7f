import { useEffect, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { BlockState } from '../../../components/block-state';
import { formatDate, formatValue } from '../../../lib/format';
import { t, useLang } from '../../../lib/i18n';
import { useBackButton } from '../../../lib/native';
import { type CustomerPage, useFindCustomers } from '../api/find-customers';
import './customers.css';

/** The address of a search: `/customers?q=…&page=…`, without what is at its default. */
export function customersPath(q: string, page = 1): string {
  const search = new URLSearchParams();
  if (q) search.set('q', q);
  if (page > 1) search.set('page', String(page));
  const s = search.toString();
  return `/customers${s ? `?${s}` : ''}`;
}

/** Waits until typing pauses before searching. */
const typingPauseMs = 300;

function Results({ page, q }: { page: CustomerPage; q: string }) {
  const lang = useLang();
  const [, navigate] = useLocation();
  const first = (page.page - 1) * page.pageSize + 1;
  const last = first + page.items.length - 1;
  return (
    <>
      <p className="hint customers-count" data-testid="customers-count" data-total={page.total}>
        {`${formatValue(first, 'int', lang)}–${formatValue(last, 'int', lang)} ${t('ofTotal', lang)} ${formatValue(page.total, 'int', lang)}`}
      </p>
      <ul className="customers-list" data-testid="customers-list">
        {page.items.map((c) => (
          <li key={c.id}>
            <Link href={`/customers/${c.id}`} className="customers-row" data-testid="customers-row">
              <span className="customers-name" translate="no">
                {c.name ?? `${t('customer', lang)} #${c.id}`}
              </span>
              <span className="hint" translate="no">
                {[c.region, c.phone ?? c.email, c.externalId].filter(Boolean).join(' · ')}
              </span>
              <span className="hint">
                {`${t('orders', lang)}: ${formatValue(c.stats.orders, 'int', lang)} · ${formatValue(c.stats.revenue, 'money', lang)}`}
                {c.stats.lastOrderAt &&
                  ` · ${t('lastOrder', lang)} ${formatDate(c.stats.lastOrderAt, lang)}`}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {page.total > page.pageSize && (
        <div className="customers-pager">
          <button
            type="button"
            disabled={page.page <= 1}
            onClick={() => navigate(customersPath(q, page.page - 1), { replace: true })}
          >
            {t('previousPage', lang)}
          </button>
          <button
            type="button"
            disabled={last >= page.total}
            onClick={() => navigate(customersPath(q, page.page + 1), { replace: true })}
          >
            {t('nextPage', lang)}
          </button>
        </div>
      )}
    </>
  );
}

/** Find a customer by name, phone, email or id, and open their card. */
export function CustomersPage() {
  const lang = useLang();
  useBackButton('/');
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const q = (params.get('q') ?? '').trim();
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const [text, setText] = useState(q);
  useEffect(() => {
    const wanted = text.trim();
    if (wanted === q) return;
    const timer = setTimeout(
      () => navigate(customersPath(wanted), { replace: true }),
      typingPauseMs,
    );
    return () => clearTimeout(timer);
  }, [text, q, navigate]);
  const found = useFindCustomers(q, page);
  return (
    <main className="page" data-testid="customers-page" aria-busy={found.isFetching}>
      <h1 className="page-title">{t('customers', lang)}</h1>
      <form
        className="customers-search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(customersPath(text.trim()), { replace: true });
        }}
      >
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('searchPlaceholder', lang)}
          aria-label={t('findCustomer', lang)}
          maxLength={100}
          enterKeyHint="search"
          data-testid="customers-search"
        />
      </form>
      <BlockState
        query={found}
        empty={(p) =>
          p.items.length === 0 ? t(q ? 'noCustomersMatch' : 'noCustomers', lang) : false
        }
      >
        {(p) => <Results page={p} q={q} />}
      </BlockState>
    </main>
  );
}
