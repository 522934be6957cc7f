import type { Me } from '../../../lib/me';
import { RoleBadge } from './role-badge';
import './me.css';

function fullName(user: Me['user']): string {
  return [user.firstName, user.lastName].filter(Boolean).join(' ');
}

function initials(user: Me['user']): string {
  return [user.firstName, user.lastName]
    .map((part) => part?.trim().charAt(0) ?? '')
    .join('')
    .toUpperCase();
}

/** Who is signed in: avatar initials, name, @username and role. */
export function MeProfile({ me }: { me: Me }) {
  return (
    <header className="me-profile">
      <div className="me-profile__avatar" aria-hidden="true">
        {initials(me.user)}
      </div>
      <h1 className="me-profile__name" data-testid="me-name">
        {fullName(me.user)}
      </h1>
      {me.user.username && (
        <p className="me-profile__username" data-testid="me-username">
          @{me.user.username}
        </p>
      )}
      <RoleBadge role={me.role} />
    </header>
  );
}
