import type { Role } from '@retention/contracts';
import './me.css';

/** The role as the server reports it; CSS upper-cases it, so the text stays the API value. */
export function RoleBadge({ role }: { role: Role }) {
  return (
    <span className={`role-badge role-badge--${role}`} data-testid="me-role" data-role={role}>
      {role}
    </span>
  );
}
