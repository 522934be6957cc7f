// The product's two languages: Russian for a Telegram user whose language_code says so,
// English for everyone else.
export const langs = ['en', 'ru'] as const;
export type Lang = (typeof langs)[number];

export function langOf(code: string | null | undefined): Lang {
  return code?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}
