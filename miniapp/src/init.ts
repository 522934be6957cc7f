import {
  init as initSdk,
  type LaunchParams,
  miniApp,
  setDebug,
  themeParams,
  viewport,
} from '@telegram-apps/sdk-react';
import { mountNativeControls } from './lib/native';

// The page background is the secondary colour with sections on top, as in Telegram's own
// settings screens; the client's header and overscroll area should match it.
const pageColor = 'secondary_bg_color';

/**
 * Starts the Telegram SDK with `launchParams` (lib/launch-params.ts), or, without them, with
 * those the SDK finds itself (put in place by `mockTelegramForDemo` first).
 */
export function initTelegram(options: { debug: boolean; launchParams?: LaunchParams }): void {
  setDebug(options.debug);
  initSdk(options.launchParams ? { launchParams: options.launchParams } : {});

  if (miniApp.mountSync.isAvailable()) {
    // Also mounts theme params, so their CSS variables can be bound right after.
    miniApp.mountSync();
    themeParams.bindCssVars.ifAvailable();
    miniApp.bindCssVars.ifAvailable();
    // The setters throw for a key the client's palette lacks (very old clients).
    if (themeParams.secondaryBackgroundColor()) {
      miniApp.setHeaderColor.ifAvailable(pageColor);
      miniApp.setBackgroundColor.ifAvailable(pageColor);
      miniApp.setBottomBarColor.ifAvailable(pageColor);
    }
  }

  // Hide Telegram's loading placeholder now: the page shows its own loading state.
  miniApp.ready.ifAvailable();
  viewport.expand.ifAvailable();
  mountNativeControls();

  if (viewport.mount.isAvailable()) {
    viewport
      .mount()
      .then(() => viewport.bindCssVars.ifAvailable())
      .catch((error: unknown) => {
        // Some clients (Telegram for macOS) never answer the viewport request; the layout
        // falls back to the browser's own viewport units.
        console.warn('Telegram viewport could not be mounted', error);
      });
  }
}
