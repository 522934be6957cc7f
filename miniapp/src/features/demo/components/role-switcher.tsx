import { type DemoRole, demoRoles } from '@retention/contracts';
import { Section } from '../../../components/section';
import './role-switcher.css';

// A new demo session is created at start-up, so switching is a reload with another role;
// the other query parameters (the theme) are kept.
function urlForRole(role: DemoRole): string {
  const url = new URL(window.location.href);
  url.searchParams.set('role', role);
  return url.toString();
}

/** Demo mode only: reopen the app signed in as another role. */
export function RoleSwitcher({ current }: { current: string }) {
  return (
    <Section
      title="Demo mode"
      footer="The server signed in a demo user. Pick a role to reopen the app as that user."
    >
      <fieldset className="role-switcher" aria-label="Open the demo as" data-testid="role-switcher">
        {demoRoles.map((role) => (
          <button
            key={role}
            type="button"
            className="role-switcher__option"
            aria-pressed={role === current}
            data-testid={`role-switch-${role}`}
            onClick={() => window.location.assign(urlForRole(role))}
          >
            {role}
          </button>
        ))}
      </fieldset>
    </Section>
  );
}
