// Telegram's own controls, used the same way on every screen: the popup for confirmations,
// the MainButton for a screen's primary action, haptics, the closing confirmation and the
// vertical-swipe guard for charts. Each degrades quietly where the client lacks it.
import {
  backButton,
  closingBehavior,
  hapticFeedback,
  mainButton,
  popup,
  retrieveLaunchParams,
  secondaryButton,
  swipeBehavior,
} from '@telegram-apps/sdk-react';
import { type RefObject, useEffect, useRef } from 'react';
import { useLocation } from 'wouter';

/** Mounts the controls this app uses; called once after the SDK starts. */
export function mountNativeControls(): void {
  if (mainButton.mount.isAvailable()) mainButton.mount();
  if (secondaryButton.mount.isAvailable()) secondaryButton.mount();
  if (closingBehavior.mount.isAvailable()) closingBehavior.mount();
  if (swipeBehavior.mount.isAvailable()) swipeBehavior.mount();
  if (backButton.mount.isAvailable()) backButton.mount();
}

export const haptic = {
  success: () => hapticFeedback.notificationOccurred.ifAvailable('success'),
  error: () => hapticFeedback.notificationOccurred.ifAvailable('error'),
  tap: () => hapticFeedback.impactOccurred.ifAvailable('light'),
  selection: () => hapticFeedback.selectionChanged.ifAvailable(),
};

/**
 * Asks in Telegram's native popup; true when the user pressed `ok`. A client without popups
 * gets the browser's confirm dialog.
 */
export async function confirmAction(o: {
  title: string;
  message: string;
  ok: string;
  cancel: string;
  destructive?: boolean;
}): Promise<boolean> {
  // Telegram limits: title 64, message 256 characters.
  const message = o.message.length > 256 ? `${o.message.slice(0, 255)}…` : o.message;
  if (!popup.show.isAvailable()) return window.confirm(`${o.title}\n\n${message}`);
  const pressed = await popup.show({
    title: o.title.slice(0, 64),
    message,
    buttons: [
      { id: 'ok', type: o.destructive ? 'destructive' : 'default', text: o.ok },
      { id: 'cancel', type: 'default', text: o.cancel },
    ],
  });
  return pressed === 'ok';
}

type BottomAction = { text: string; onClick: () => void; busy?: boolean; enabled?: boolean };
type BottomButton = typeof mainButton | typeof secondaryButton;

/**
 * The screen's primary action on Telegram's MainButton, while the component is shown. Pass
 * `null` to hide it (no primary action right now).
 */
export function useMainButton(action: BottomAction | null): void {
  useBottomButton(mainButton, action);
}

/** Whether this client has the SecondaryButton (Mini Apps 7.10+) for a screen's second action. */
export const hasSecondaryButton = () => secondaryButton.isMounted();

/** A screen's second action on Telegram's SecondaryButton (see `hasSecondaryButton`). */
export function useSecondaryButton(action: BottomAction | null): void {
  useBottomButton(secondaryButton, action);
}

function useBottomButton(button: BottomButton, action: BottomAction | null): void {
  const onClick = useRef(action?.onClick);
  onClick.current = action?.onClick;
  const text = action?.text;
  const busy = action?.busy ?? false;
  const enabled = action?.enabled ?? true;

  const shown = text !== undefined;

  // Shown for as long as there is an action; one click handler for its whole life.
  useEffect(() => {
    if (!button.isMounted() || !shown) return;
    const off = button.onClick(() => onClick.current?.());
    return () => {
      off();
      button.setParams({ isVisible: false, isLoaderVisible: false });
    };
  }, [button, shown]);

  useEffect(() => {
    if (!button.isMounted() || text === undefined) return;
    button.setParams({
      text,
      isVisible: true,
      isEnabled: enabled && !busy,
      isLoaderVisible: busy,
    });
  }, [button, text, busy, enabled]);
}

/** While `unsaved` is true, closing the Mini App asks for confirmation first. */
export function useClosingConfirmation(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved || !closingBehavior.isMounted()) return;
    closingBehavior.enableConfirmation();
    return () => closingBehavior.disableConfirmation();
  }, [unsaved]);
}

/**
 * Telegram closes or collapses the Mini App on a vertical swipe; while a finger pans a chart
 * that swipe is turned off, and back on when the finger lifts.
 */
export function usePanGuard(target: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = target.current;
    if (!el || !swipeBehavior.isMounted()) return;
    const hold = () => swipeBehavior.disableVertical.ifAvailable();
    const release = () => swipeBehavior.enableVertical.ifAvailable();
    el.addEventListener('pointerdown', hold);
    for (const end of ['pointerup', 'pointercancel', 'pointerleave'] as const) {
      el.addEventListener(end, release);
    }
    return () => {
      el.removeEventListener('pointerdown', hold);
      for (const end of ['pointerup', 'pointercancel', 'pointerleave'] as const) {
        el.removeEventListener(end, release);
      }
      release();
    };
  }, [target]);
}

/** Telegram's BackButton on a nested screen, going back to `to`. */
export function useBackButton(to: string): void {
  const [, navigate] = useLocation();
  useEffect(() => {
    if (!backButton.isMounted()) return;
    backButton.show();
    const off = backButton.onClick(() => navigate(to));
    return () => {
      off();
      backButton.hide();
    };
  }, [navigate, to]);
}

/**
 * Whether a file the page makes (a Blob behind `<a download>`) reaches the user: it does in
 * Telegram Desktop, Web and a browser, not in the Android and iOS webviews, which drop such
 * downloads. The SDK's `downloadFile` asks the client to fetch an HTTPS URL itself, without
 * the app's Authorization header, so it cannot fetch an authenticated export.
 */
export function canSaveFiles(): boolean {
  try {
    const platform = retrieveLaunchParams().tgWebAppPlatform;
    return !['android', 'android_x', 'ios'].includes(platform);
  } catch {
    return true;
  }
}

/**
 * Saves `text` as a file named `name` where the client allows it (see `canSaveFiles`). A CSV
 * starts with a byte order mark, so that Excel reads its Cyrillic as UTF-8.
 */
export function saveTextFile(text: string, name: string, type = 'text/csv'): void {
  const bom = type === 'text/csv' && !text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const url = URL.createObjectURL(new Blob([bom, text], { type: `${type};charset=utf-8` }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
