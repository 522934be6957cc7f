// What the Telegram client draws around a Mini App, drawn by the page itself in demo mode (a
// plain browser): the MainButton as a bar at the bottom, the BackButton at the top, native
// popups as a dialog, and the closing confirmation as the browser's leave-page prompt. The
// app drives them through the same bridge methods as in Telegram, so what the demo shows is
// what a Telegram user gets.
import { emitEvent } from '@telegram-apps/sdk-react';

type Params = Record<string, unknown>;

const styles = `
.demo-main-button { position: fixed; left: 0; right: 0; bottom: 0; z-index: 50; padding: 8px 12px
  calc(8px + env(safe-area-inset-bottom)); background: var(--tg-theme-bottom-bar-bg-color,
  var(--tg-theme-secondary-bg-color)); }
.demo-main-button button { display: block; width: 100%; max-width: 456px; margin: 0 auto;
  padding: 12px; border: 0; border-radius: 10px; font: inherit; font-weight: 600;
  background: var(--tg-theme-button-color); color: var(--tg-theme-button-text-color);
  cursor: pointer; }
.demo-main-button button:disabled { opacity: 0.6; cursor: default; }
.demo-back-button { position: sticky; top: 0; z-index: 50; display: block; width: 100%;
  border: 0; padding: 10px 12px; text-align: left; font: inherit; font-size: 15px;
  cursor: pointer; background: var(--tg-theme-header-bg-color, var(--tg-theme-bg-color));
  color: var(--tg-theme-link-color); }
.demo-popup { position: fixed; inset: 0; z-index: 60; display: flex; align-items: center;
  justify-content: center; background: rgba(0, 0, 0, 0.4); }
.demo-popup > div { width: min(320px, calc(100vw - 48px)); border-radius: 14px; padding: 16px;
  background: var(--tg-theme-bg-color); color: var(--tg-theme-text-color); }
.demo-popup h3 { margin: 0 0 8px; font-size: 17px; }
.demo-popup p { margin: 0 0 16px; font-size: 14px; white-space: pre-wrap;
  overflow-wrap: anywhere; }
.demo-popup footer { display: flex; justify-content: flex-end; gap: 8px; }
.demo-popup button { border: 0; background: none; font: inherit; font-weight: 600;
  padding: 8px; cursor: pointer; color: var(--tg-theme-link-color); }
.demo-popup button.destructive { color: var(--tg-theme-destructive-text-color, #d14e4e); }
`;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

let mainBar: HTMLDivElement | undefined;
let backButton: HTMLButtonElement | undefined;

function setupMainButton(p: Params): void {
  if (!mainBar) {
    mainBar = element('div', { className: 'demo-main-button' });
    const button = element('button', { type: 'button' });
    button.dataset.testid = 'main-button';
    button.addEventListener('click', () => emitEvent('main_button_pressed'));
    mainBar.append(button);
    document.body.append(mainBar);
  }
  const button = mainBar.firstElementChild as HTMLButtonElement;
  const visible = p.is_visible === true && typeof p.text === 'string' && p.text !== '';
  mainBar.hidden = !visible;
  // Room for the bar, so it never covers the end of the page.
  document.body.style.paddingBottom = visible ? '64px' : '';
  button.textContent = p.is_progress_visible ? '…' : String(p.text ?? '');
  button.disabled = p.is_active === false || p.is_progress_visible === true;
}

function setupBackButton(p: Params): void {
  if (!backButton) {
    backButton = element('button', { type: 'button', className: 'demo-back-button' });
    backButton.textContent = inRussian() ? '‹ Назад' : '‹ Back';
    backButton.addEventListener('click', () => emitEvent('back_button_pressed'));
    // Where Telegram's header is: above the page.
    document.body.prepend(backButton);
  }
  backButton.hidden = p.is_visible !== true;
}

type PopupButton = { id?: string; type?: string; text?: string };
const standardTexts: Record<'en' | 'ru', Record<string, string>> = {
  en: { ok: 'OK', close: 'Close', cancel: 'Cancel' },
  ru: { ok: 'OK', close: 'Закрыть', cancel: 'Отмена' },
};

/** The client draws its chrome in the user's language: the page's, once /me has told it. */
const inRussian = () => document.documentElement.lang === 'ru';

function openPopup(p: Params): void {
  const overlay = element('div', { className: 'demo-popup' });
  overlay.dataset.testid = 'popup';
  const box = element('div');
  box.setAttribute('role', 'dialog');
  if (p.title) box.append(element('h3', { textContent: String(p.title) }));
  box.append(element('p', { textContent: String(p.message ?? '') }));
  const footer = element('footer');
  const close = (buttonId?: string) => {
    overlay.remove();
    emitEvent('popup_closed', buttonId === undefined ? {} : { button_id: buttonId });
  };
  for (const b of (p.buttons as PopupButton[] | undefined) ?? [{ type: 'close' }]) {
    const button = element('button', {
      type: 'button',
      textContent: b.text || standardTexts[inRussian() ? 'ru' : 'en'][b.type ?? ''] || '',
      className: b.type === 'destructive' ? 'destructive' : '',
    });
    button.dataset.testid = `popup-${b.id ?? b.type}`;
    button.addEventListener('click', () => close(b.id ?? ''));
    footer.append(button);
  }
  box.append(footer);
  overlay.append(box);
  // A tap outside closes it without a button, as in Telegram.
  overlay.addEventListener('click', (e) => e.target === overlay && close());
  document.body.append(overlay);
}

function confirmLeaving(e: BeforeUnloadEvent): void {
  e.preventDefault();
}

/** Answers the bridge methods that draw client chrome; true when `method` was one of them. */
export function drawDemoChrome(method: string, params: Params = {}): boolean {
  if (!document.getElementById('demo-chrome-styles')) {
    document.head.append(element('style', { id: 'demo-chrome-styles', textContent: styles }));
  }
  switch (method) {
    case 'web_app_setup_main_button':
      setupMainButton(params);
      return true;
    case 'web_app_setup_back_button':
      setupBackButton(params);
      return true;
    case 'web_app_open_popup':
      openPopup(params);
      return true;
    case 'web_app_open_tg_link':
      window.open(`https://t.me${String(params.path_full ?? '')}`, '_blank', 'noopener');
      return true;
    case 'web_app_setup_closing_behavior':
      if (params.need_confirmation) window.addEventListener('beforeunload', confirmLeaving);
      else window.removeEventListener('beforeunload', confirmLeaving);
      return true;
    default:
      return false;
  }
}
