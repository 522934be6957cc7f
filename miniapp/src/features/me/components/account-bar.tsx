import { Link } from 'wouter';
import { t, useLang } from '../../../lib/i18n';
import type { Me } from '../../../lib/me';
import { RoleBadge } from './role-badge';

/** Who is signed in, in one line above every screen; staff can search customers from it. */
export function AccountBar({ me }: { me: Me }) {
  const lang = useLang();
  const region = me.scope.region;
  const staff = me.role === 'admin' || me.role === 'manager';
  return (
    <div className="account-bar">
      <span data-testid="me-name">
        {[me.user.firstName, me.user.lastName].filter(Boolean).join(' ')}
      </span>
      <RoleBadge role={me.role} />
      {region && (
        <span className="hint" data-testid="me-scope">
          {region}
        </span>
      )}
      {staff && (
        <Link href="/customers" className="account-search" data-testid="find-customer">
          <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
            <circle cx="6.5" cy="6.5" r="5" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="M10.2 10.2 15 15" stroke="currentColor" strokeWidth="2" />
          </svg>{' '}
          {t('findCustomer', lang)}
        </Link>
      )}
    </div>
  );
}
