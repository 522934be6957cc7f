// The product's two languages: Russian for a Telegram user whose language_code says so,
// English for everyone else.
export type Lang = 'en' | 'ru';

export function langOf(code: string | null | undefined): Lang {
  return code?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}
