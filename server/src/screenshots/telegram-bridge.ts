// What a Telegram client gives a Mini App, for a browser the server drives itself (the bot's
// screenshots) and for the browser tests: launch parameters in the URL hash, and the bridge
// Telegram's mobile apps inject (window.TelegramWebviewProxy.postEvent out,
// window.Telegram.WebView.receiveEvent in), answering the requests a client answers at once.
import type { Page } from 'playwright-core';

export type Palette = Record<string, string>;

// Telegram for Android's day and night palettes.
export const palettes = {
  light: {
    bg_color: '#ffffff',
    secondary_bg_color: '#f0f0f0',
    section_bg_color: '#ffffff',
    text_color: '#222222',
    hint_color: '#a8a8a8',
    link_color: '#2678b6',
    button_color: '#50a8eb',
    button_text_color: '#ffffff',
    header_bg_color: '#527da3',
    accent_text_color: '#1c93e3',
    section_header_text_color: '#3a95d5',
    subtitle_text_color: '#82868a',
    destructive_text_color: '#cc2929',
    section_separator_color: '#d9d9d9',
    bottom_bar_bg_color: '#f0f0f0',
  },
  dark: {
    bg_color: '#212d3b',
    secondary_bg_color: '#151e27',
    section_bg_color: '#1d2733',
    text_color: '#ffffff',
    hint_color: '#7d8b99',
    link_color: '#5eabe1',
    button_color: '#5288c1',
    button_text_color: '#ffffff',
    header_bg_color: '#242d39',
    accent_text_color: '#64b5ef',
    section_header_text_color: '#79c4fc',
    subtitle_text_color: '#7b8790',
    destructive_text_color: '#ee686f',
    section_separator_color: '#0d1218',
    bottom_bar_bg_color: '#151e27',
  },
} satisfies Record<string, Palette>;

/** The Mini App URL Telegram opens: `path` with the launch parameters in the hash. */
export function launchUrl(base: string, path: string, initData: string, palette: Palette) {
  const hash = new URLSearchParams({
    tgWebAppData: initData,
    tgWebAppVersion: '8.0',
    tgWebAppPlatform: 'android',
    tgWebAppThemeParams: JSON.stringify(palette),
  });
  return `${base}${path}#${hash.toString()}`;
}

/**
 * Installs the client's bridge in every page of `page` before the app's scripts run. Calls
 * the page makes are kept in `window.__tg.sent`; `window.__tg.emit(name, data)` sends events.
 */
export async function installTelegramBridge(page: Page, palette: Palette): Promise<void> {
  // Sent as source: under tsx (how `npm start` runs the server) the function's text calls
  // esbuild's `__name` helper, which the page lacks; without this shim the bridge threw and the
  // app started outside Telegram.
  const source = `var __name = (target) => target;\n(${bridge.toString()})(${JSON.stringify(palette)});`;
  await page.addInitScript({ content: source });
}

/** The client's side of the bridge, run in the page with the theme it reports. */
function bridge(theme: Palette) {
  // CloudStorage, kept in the page's localStorage under a prefix (Telegram keeps it per user
  // and bot on its servers).
  type CustomMethod = { req_id: string; method: string; params: Record<string, unknown> };
  const prefix = '__tg.cloud.';
  const cloudStorage = ({ req_id, method, params }: CustomMethod) => {
    if (method === 'saveStorageValue') {
      localStorage.setItem(prefix + String(params.key), String(params.value));
      return { req_id, result: true };
    }
    if (method === 'getStorageValues') {
      const keys = params.keys as string[];
      const result = Object.fromEntries(
        keys.map((k) => [k, localStorage.getItem(prefix + k) ?? '']),
      );
      return { req_id, result };
    }
    return { req_id, error: 'UNKNOWN_METHOD' };
  };
  type Sent = [string, Record<string, unknown> | undefined];
  const w = window as unknown as {
    __tg: { sent: Sent[]; emit(name: string, data?: unknown): void };
    TelegramWebviewProxy: { postEvent(name: string, data?: string): void };
    Telegram: { WebView: { receiveEvent(name: string, data?: unknown): void } };
  };
  const emit = (name: string, data?: unknown) =>
    setTimeout(() => w.Telegram.WebView.receiveEvent(name, data), 0);
  const insets = { top: 24, bottom: 16, left: 0, right: 0 };
  w.__tg = { sent: [], emit };
  w.TelegramWebviewProxy = {
    postEvent(name, json) {
      const data = json ? JSON.parse(json) : undefined;
      w.__tg.sent.push([name, data]);
      switch (name) {
        case 'web_app_request_theme':
          return emit('theme_changed', { theme_params: theme });
        case 'web_app_request_viewport':
          return emit('viewport_changed', {
            height: window.innerHeight,
            width: window.innerWidth,
            is_expanded: true,
            is_state_stable: true,
          });
        case 'web_app_request_safe_area':
          return emit('safe_area_changed', insets);
        case 'web_app_request_content_safe_area':
          return emit('content_safe_area_changed', { top: 48, bottom: 0, left: 0, right: 0 });
        case 'web_app_invoke_custom_method':
          return emit('custom_method_invoked', cloudStorage(data as CustomMethod));
      }
    },
  };
}
