import { useEffect, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { BlockState } from '../../../components/block-state';
import { formatPhone } from '../../../lib/format';
import { t, useLang } from '../../../lib/i18n';
import { useBackButton } from '../../../lib/native';
import { type CustomerPage, useFindCustomers } from '../api/find-customers';
import { CustomerList, pageParam } from './customer-list';
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
  const [, navigate] = useLocation();
  return (
    <CustomerList
      list={page}
      rows={page.items.map((c) => ({
        id: c.id,
        name: c.name,
        facts: [c.region, c.phone ? formatPhone(c.phone) : c.email, c.externalId],
        orders: c.stats.orders,
        revenue: c.stats.revenue,
        lastOrder: c.stats.lastOrderAt,
      }))}
      go={(p) => navigate(customersPath(q, p), { replace: true })}
    />
  );
}

/** Find a customer by name, phone, email or id, and open their card. */
export function CustomersPage() {
  const lang = useLang();
  useBackButton('/');
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const q = (params.get('q') ?? '').trim();
  const page = pageParam(params);
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
    <main className="page" data-testid="customers-page">
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
