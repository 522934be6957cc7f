import type * as contracts from '@retention/contracts';
import { type DemoRole, demoRoles, type Lang, langOf, langs } from '@retention/contracts';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';

export type DemoSession = z.input<typeof contracts.DemoSession>;

/**
 * Asks the server for initData it signed itself. Only a server in demo mode (no real bot
 * token) answers, and only with the demo key of its start log's link (else 403); without
 * demo mode it is a 404. Called before React renders, hence no query hook.
 */
export function createDemoSession(
  role: DemoRole,
  key: string | undefined,
  lang: Lang,
): Promise<DemoSession> {
  return api.post<DemoSession>('/demo/session', { role, key, lang });
}

export function parseDemoRole(value: string | null): DemoRole {
  return demoRoles.find((role) => role === value) ?? 'manager';
}

/** The demo user's language: ?lang=ru, else the browser's. */
export function parseDemoLang(value: string | null): Lang {
  return langs.find((lang) => lang === value) ?? langOf(navigator.language);
}
