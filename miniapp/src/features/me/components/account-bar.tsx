import type { Me } from '../../../lib/me';
import { RoleBadge } from './role-badge';

/** Who is signed in, in one line above every screen. */
export function AccountBar({ me }: { me: Me }) {
  const region = me.scope.region;
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
    </div>
  );
}
