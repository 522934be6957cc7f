import { Section, SectionRow } from '../../../components/section';
import type { Me } from '../../../lib/me';

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([navigator.language, 'en'], { type: 'language' }).of(code) ?? code;
  } catch {
    // Telegram sends codes Intl may not know (e.g. custom language packs).
    return code;
  }
}

function customerLabel(customer: NonNullable<Me['customer']>): string {
  return customer.name ? `${customer.name} · #${customer.id}` : `#${customer.id}`;
}

const notLinkedHint =
  'This account is not linked to a customer or a staff member yet. Share your phone number with the bot to link it.';

/** What the role gives access to, and the Telegram account behind it. */
export function MeDetails({ me }: { me: Me }) {
  const { region } = me.scope;
  return (
    <>
      {(region !== null || me.customer) && (
        <Section title="Access">
          {region !== null && (
            <SectionRow label="Region" testId="me-scope">
              {region}
            </SectionRow>
          )}
          {me.customer && (
            <SectionRow label="Customer" testId="me-customer">
              {customerLabel(me.customer)}
            </SectionRow>
          )}
        </Section>
      )}
      <Section title="Telegram account" footer={me.role === 'unknown' ? notLinkedHint : undefined}>
        <SectionRow label="Telegram ID" testId="me-telegram-id">
          {me.user.telegramId}
        </SectionRow>
        {me.user.languageCode && (
          <SectionRow label="Language">{languageName(me.user.languageCode)}</SectionRow>
        )}
      </Section>
    </>
  );
}
