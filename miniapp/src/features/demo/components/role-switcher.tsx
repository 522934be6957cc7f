import { type DemoRole, demoRoles, roleNames, wordFor } from '@retention/contracts';
import { Section } from '../../../components/section';
import { useLang } from '../../../lib/i18n';
import './role-switcher.css';

// A new demo session is created at start-up, so switching is a reload with another role;
// the other query parameters (the theme) are kept.
function urlForRole(role: DemoRole): string {
  const url = new URL(window.location.href);
  url.searchParams.set('role', role);
  return url.toString();
}

/** Demo mode only: reopen the app signed in as another role. */
const words = {
  en: {
    title: 'Demo mode',
    footer: 'The server signed in a demo user. Pick a role to reopen the app as that user.',
    openAs: 'Open the demo as',
  },
  ru: {
    title: 'Демо-режим',
    footer:
      'Сервер вошёл как демо-пользователь. Выберите роль, чтобы открыть приложение от её имени.',
    openAs: 'Открыть демо как',
  },
};

export function RoleSwitcher({ current }: { current: string }) {
  const lang = useLang();
  const w = words[lang];
  return (
    <Section title={w.title} footer={w.footer}>
      <fieldset className="role-switcher" aria-label={w.openAs} data-testid="role-switcher">
        {demoRoles.map((role) => (
          <button
            key={role}
            type="button"
            className="role-switcher__option"
            aria-pressed={role === current}
            data-testid={`role-switch-${role}`}
            onClick={() => window.location.assign(urlForRole(role))}
          >
            {wordFor(roleNames, role, lang)}
          </button>
        ))}
      </fieldset>
    </Section>
  );
}
