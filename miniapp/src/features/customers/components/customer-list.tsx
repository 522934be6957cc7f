import { Link } from 'wouter';
import { formatDate, formatValue } from '../../../lib/format';
import { t, useLang } from '../../../lib/i18n';

/** What a line of a customer list shows; every list of customers uses it. */
export interface RowCustomer {
  id: number;
  name: string | null;
  /** Region, contact, external id: whatever the list knows, in this order. */
  facts: (string | null | undefined)[];
  orders: number;
  revenue: string;
  lastOrder: string | null;
}

/** One customer in a list: name, facts, orders and revenue, last order; opens the card. */
function CustomerRow({ c }: { c: RowCustomer }) {
  const lang = useLang();
  const facts = c.facts.filter(Boolean).join(' · ');
  return (
    <li>
      <Link href={`/customers/${c.id}`} className="customers-row" data-testid="customers-row">
        <span className="customers-name" translate="no">
          {c.name ?? `${t('customer', lang)} #${c.id}`}
        </span>
        {facts && (
          <span className="hint" translate="no">
            {facts}
          </span>
        )}
        <span className="hint">
          {`${t('orders', lang)}: ${formatValue(c.orders, 'int', lang)} · ${formatValue(c.revenue, 'money', lang)}`}
          {c.lastOrder && ` · ${t('lastOrder', lang)} ${formatDate(c.lastOrder, lang)}`}
        </span>
      </Link>
    </li>
  );
}

/** "21–40 of 345": where this page is in the list; "No customers" when it is empty. */
function ListCount({ page, pageSize, shown, total }: PageInfo) {
  const lang = useLang();
  const first = (page - 1) * pageSize + 1;
  const n = (v: number) => formatValue(v, 'int', lang);
  return (
    <p className="hint customers-count" data-testid="customers-count" data-total={total}>
      {shown === 0
        ? t('noCustomersHere', lang)
        : `${n(first)}–${n(first + shown - 1)} ${t('ofTotal', lang)} ${n(total)}`}
    </p>
  );
}

interface PageInfo {
  page: number;
  pageSize: number;
  /** Rows on this page. */
  shown: number;
  total: number;
}

/** The previous and next buttons of a paged list; none when it fits one page. */
function Pager({ page, pageSize, shown, total, go }: PageInfo & { go: (page: number) => void }) {
  const lang = useLang();
  if (total <= pageSize) return null;
  return (
    <div className="customers-pager">
      <button type="button" disabled={page <= 1} onClick={() => go(page - 1)}>
        {t('previousPage', lang)}
      </button>
      <button
        type="button"
        disabled={(page - 1) * pageSize + shown >= total}
        onClick={() => go(page + 1)}
      >
        {t('nextPage', lang)}
      </button>
    </div>
  );
}

/** The page an address asks for (`page=`), 1 when it asks for none or for nonsense. */
export function pageParam(search: URLSearchParams): number {
  return Math.max(1, Math.floor(Number(search.get('page'))) || 1);
}

/**
 * A page of a customer list: where it is in the list, its rows (each opening the card), and
 * the previous and next buttons, which call `go` with the page to show.
 */
export function CustomerList({
  list,
  rows,
  go,
}: {
  list: { page: number; pageSize: number; total: number };
  rows: RowCustomer[];
  go: (page: number) => void;
}) {
  const info = { page: list.page, pageSize: list.pageSize, shown: rows.length, total: list.total };
  return (
    <>
      <ListCount {...info} />
      <ul className="customers-list" data-testid="customers-list">
        {rows.map((c) => (
          <CustomerRow key={c.id} c={c} />
        ))}
      </ul>
      <Pager {...info} go={go} />
    </>
  );
}
