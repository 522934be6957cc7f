import { type Role, roleNames, wordFor } from '@retention/contracts';
import { useLang } from '../../../lib/i18n';
import './me.css';

/** The role in the viewer's language (CSS upper-cases it); `data-role` keeps the API value. */
export function RoleBadge({ role }: { role: Role }) {
  const lang = useLang();
  return (
    <span className={`role-badge role-badge--${role}`} data-testid="me-role" data-role={role}>
      {wordFor(roleNames, role, lang)}
    </span>
  );
}
