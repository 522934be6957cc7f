import { addToHomeScreen, useSignal, viewport } from '@telegram-apps/sdk-react';
import { t, useLang } from '../lib/i18n';
import { readLaunch } from '../lib/launch-params';
import { useMe } from '../lib/me';
import { haptic } from '../lib/native';
import './platform-actions.css';

const phones = ['android', 'ios'];

function onPhone(): boolean {
  try {
    return phones.includes(readLaunch().params.tgWebAppPlatform);
  } catch {
    return false;
  }
}

/**
 * Telegram's ways (Mini Apps 8.0+) to keep the dashboard at hand, each shown only where the
 * client has it: full screen on phones, an icon on the home screen.
 */
export function PlatformActions() {
  const lang = useLang();
  // Both re-render once the viewport is mounted (full screen needs it) and as it changes.
  useSignal(viewport.isMounted);
  const fullscreen = useSignal(viewport.isFullscreen);
  const canFullscreen = onPhone() && viewport.requestFullscreen.isAvailable();
  // The demo's client is drawn in a browser: no home screen to add to.
  const canAddToHome = !useMe().data?.demo && addToHomeScreen.isAvailable();
  if (!canFullscreen && !canAddToHome) return null;
  const toggle = () => {
    haptic.tap();
    const change = fullscreen ? viewport.exitFullscreen() : viewport.requestFullscreen();
    // A client that refuses (a desktop window, a busy change) leaves the screen as it is.
    change.catch(() => {});
  };
  return (
    <p className="platform-actions" data-testid="platform-actions">
      {canFullscreen && (
        <button
          type="button"
          className="platform-action"
          data-testid="platform-fullscreen"
          onClick={toggle}
        >
          {t(fullscreen ? 'exitFullscreen' : 'fullscreen', lang)}
        </button>
      )}
      {canAddToHome && (
        <button
          type="button"
          className="platform-action"
          data-testid="platform-home"
          onClick={() => addToHomeScreen()}
        >
          {t('addToHomeScreen', lang)}
        </button>
      )}
    </p>
  );
}
