import { emitEvent, mockTelegramEnv, type ThemeParams } from '@telegram-apps/sdk-react';
import { drawDemoChrome } from './demo-chrome';
import { withSignature } from './lib/launch-params';

export type DemoTheme = 'light' | 'dark';

// Telegram Desktop's default day and night palettes, so the demo looks like the real client.
const themes = {
  light: {
    accent_text_color: '#168acd',
    bg_color: '#ffffff',
    bottom_bar_bg_color: '#f1f1f1',
    button_color: '#40a7e3',
    button_text_color: '#ffffff',
    destructive_text_color: '#d14e4e',
    header_bg_color: '#ffffff',
    hint_color: '#999999',
    link_color: '#168acd',
    secondary_bg_color: '#f1f1f1',
    section_bg_color: '#ffffff',
    section_header_text_color: '#168acd',
    section_separator_color: '#e7e7e7',
    subtitle_text_color: '#999999',
    text_color: '#000000',
  },
  dark: {
    accent_text_color: '#6ab2f2',
    bg_color: '#17212b',
    bottom_bar_bg_color: '#0e1621',
    button_color: '#5288c1',
    button_text_color: '#ffffff',
    destructive_text_color: '#ec3942',
    header_bg_color: '#17212b',
    hint_color: '#708499',
    link_color: '#6ab3f3',
    secondary_bg_color: '#0e1621',
    section_bg_color: '#17212b',
    section_header_text_color: '#6ab3f3',
    section_separator_color: '#111921',
    subtitle_text_color: '#708499',
    text_color: '#f5f5f5',
  },
} satisfies Record<DemoTheme, ThemeParams>;

const noInsets = { top: 0, bottom: 0, left: 0, right: 0 };

function emitViewport(): void {
  emitEvent('viewport_changed', {
    height: window.innerHeight,
    width: window.innerWidth,
    is_expanded: true,
    is_state_stable: true,
  });
}

type CustomMethod = { req_id: string; method: string; params: Record<string, unknown> };

/** CloudStorage in this browser's storage: the demo keeps its filters as Telegram would. */
function demoCloudStorage({ req_id, method, params }: CustomMethod) {
  const prefix = 'retention-desk.cloud.';
  if (method === 'saveStorageValue') {
    localStorage.setItem(prefix + String(params.key), String(params.value));
    return { req_id, result: true };
  }
  if (method === 'getStorageValues') {
    const keys = params.keys as string[];
    return {
      req_id,
      result: Object.fromEntries(keys.map((k) => [k, localStorage.getItem(prefix + k) ?? ''])),
    };
  }
  return { req_id, error: 'UNKNOWN_METHOD' };
}

/**
 * Makes a plain browser behave like a Telegram client: launch params carrying the demo initData,
 * and answers to the requests the SDK sends while mounting (nobody else would answer them).
 */
export function mockTelegramForDemo(options: { initDataRaw: string; theme: DemoTheme }): void {
  const themeParams = themes[options.theme];
  mockTelegramEnv({
    launchParams: {
      tgWebAppData: withSignature(options.initDataRaw),
      tgWebAppThemeParams: themeParams,
      tgWebAppVersion: '8.0',
      tgWebAppPlatform: 'tdesktop',
    },
    onEvent([method, params]) {
      if (drawDemoChrome(method, params as Record<string, unknown> | undefined)) return;
      switch (method) {
        case 'web_app_request_theme':
          return emitEvent('theme_changed', { theme_params: themeParams });
        case 'web_app_request_viewport':
          return emitViewport();
        case 'web_app_request_safe_area':
          return emitEvent('safe_area_changed', noInsets);
        case 'web_app_request_content_safe_area':
          return emitEvent('content_safe_area_changed', noInsets);
        case 'web_app_invoke_custom_method':
          return emitEvent('custom_method_invoked', demoCloudStorage(params as CustomMethod));
      }
    },
  });
  // A desktop client reports its window size; a resized browser window is the same thing.
  window.addEventListener('resize', emitViewport);
}
