import { decodeStartParam, filtersToSearch } from '@retention/contracts';
import { isTMA } from '@telegram-apps/sdk-react';
import {
  createDemoSession,
  parseDemoLang,
  parseDemoRole,
} from '../features/demo/api/create-demo-session';
import { initTelegram } from '../init';
import { type ApiError, isApiError, setInitDataRaw } from '../lib/api-client';
import { readLaunch } from '../lib/launch-params';
import { mockTelegramForDemo } from '../mock-env';

export type StartResult =
  | { status: 'ready' }
  | { status: 'outside-telegram'; cause: ApiError }
  /** Opened in Telegram, which sent no initData (some entry points, e.g. inline links). */
  | { status: 'no-sign-in' }
  | { status: 'failed'; error: Error };

const debug = import.meta.env.DEV;

// Telegram Web answers the bridge's probe through postMessage; a slow tab can need more than
// the SDK's default 100 ms, and outside an iframe the probe fails at once anyway.
const probeTimeoutMs = 1000;

/** Decides between Telegram and demo mode, starts the SDK and sets the API's credentials. */
export async function startApp(): Promise<StartResult> {
  try {
    if (await isTMA('complete', { timeout: probeTimeoutMs })) return startInTelegram();
    return await startDemo(new URLSearchParams(window.location.search));
  } catch (error) {
    // The SDK's errors carry several lines of diagnostics: the console gets them all.
    console.error('The app could not start', error);
    return { status: 'failed', error: error instanceof Error ? error : new Error(String(error)) };
  }
}

function startInTelegram(): StartResult {
  const { params, initDataRaw } = readLaunch();
  initTelegram({ debug, launchParams: params });
  if (!initDataRaw) return { status: 'no-sign-in' };
  setInitDataRaw(initDataRaw);
  openStartTarget(params.tgWebAppStartParam);
  return { status: 'ready' };
}

/**
 * A `startapp` deep link (t.me/bot/app?startapp=...) opens its screen: the dashboard with the
 * shared filters, or a customer card. Unreadable values open the home screen.
 */
function openStartTarget(param: string | null | undefined): void {
  const target = decodeStartParam(param ?? undefined);
  if (!target) return;
  const q = target.screen === 'dashboard' ? filtersToSearch(target.filters) : '';
  const path = target.screen === 'customer' ? `/customers/${target.id}` : `/${q ? `?${q}` : ''}`;
  window.history.replaceState(null, '', path);
}

/**
 * The demo key from the start log's link (?demo=...): kept for this browser, so that later
 * links without it work, and taken out of the address bar.
 */
function demoKey(query: URLSearchParams): string | undefined {
  const stored = 'retention-desk.demo-key';
  const given = query.get('demo');
  if (given) {
    window.localStorage.setItem(stored, given);
    query.delete('demo');
    const rest = query.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}`);
    return given;
  }
  return window.localStorage.getItem(stored) ?? undefined;
}

async function startDemo(query: URLSearchParams): Promise<StartResult> {
  try {
    const key = demoKey(query);
    const session = await createDemoSession(
      parseDemoRole(query.get('role')),
      key,
      parseDemoLang(query.get('lang')),
    );
    mockTelegramForDemo({
      initDataRaw: session.initDataRaw,
      theme: query.get('theme') === 'dark' ? 'dark' : 'light',
    });
    initTelegram({ debug });
    setInitDataRaw(session.initDataRaw);
    // Outside Telegram the link's value comes as ?startapp=, as Telegram Web passes it.
    openStartTarget(query.get('startapp') ?? query.get('tgWebAppStartParam'));
    return { status: 'ready' };
  } catch (error) {
    // A 404 means the server has a real bot token, so only Telegram can sign users in; other
    // refusals (a 403 for a client not on the server's machine) say why themselves.
    const refused = isApiError(error) && error.status >= 400 && error.status < 500;
    if (isApiError(error) && (refused || error.serverUnreachable)) {
      return { status: 'outside-telegram', cause: error };
    }
    throw error;
  }
}
