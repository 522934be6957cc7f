import { Section, SectionRow } from '../../../components/section';
import { type Lang, useLang } from '../../../lib/i18n';
import type { Me } from '../../../lib/me';

const words = {
  en: {
    access: 'Access',
    region: 'Region',
    customer: 'Customer',
    account: 'Telegram account',
    language: 'Language',
    notLinked:
      'This account is not linked to a customer or a staff member yet. Share your phone number with the bot to link it.',
  },
  ru: {
    access: 'Доступ',
    region: 'Регион',
    customer: 'Клиент',
    account: 'Аккаунт Telegram',
    language: 'Язык',
    notLinked:
      'Этот аккаунт ещё не связан с клиентом или сотрудником. Поделитесь номером телефона с ботом, чтобы связать его.',
  },
};

function languageName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang, 'en'], { type: 'language' }).of(code) ?? code;
  } catch {
    // Telegram sends codes Intl may not know (e.g. custom language packs).
    return code;
  }
}

function customerLabel(customer: NonNullable<Me['customer']>): string {
  return customer.name ? `${customer.name} · #${customer.id}` : `#${customer.id}`;
}

/** What the role gives access to, and the Telegram account behind it. */
export function MeDetails({ me }: { me: Me }) {
  const { region } = me.scope;
  const lang = useLang();
  const w = words[lang];
  return (
    <>
      {(region !== null || me.customer) && (
        <Section title={w.access}>
          {region !== null && (
            <SectionRow label={w.region} testId="me-scope">
              {region}
            </SectionRow>
          )}
          {me.customer && (
            <SectionRow label={w.customer} testId="me-customer">
              {customerLabel(me.customer)}
            </SectionRow>
          )}
        </Section>
      )}
      <Section title={w.account} footer={me.role === 'unknown' ? w.notLinked : undefined}>
        <SectionRow label="Telegram ID" testId="me-telegram-id">
          {me.user.telegramId}
        </SectionRow>
        {me.user.languageCode && (
          <SectionRow label={w.language}>{languageName(me.user.languageCode, lang)}</SectionRow>
        )}
      </Section>
    </>
  );
}
