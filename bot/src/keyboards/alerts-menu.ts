// The /alerts menu: the current settings as text and the buttons that change them. Callback
// data all start with "al:" (the gate in features/alerts.ts answers that prefix).
import { InlineKeyboard } from 'grammy';
import { blockLabel, type Lang, t } from '../i18n.ts';
import type { AlertSettingsView } from '../services.ts';

export const weekdayNames = (lang: Lang) => t('weekdaysShort', lang).split(',');

/** Digest times offered as buttons; any other is typed (al:tt). */
export const commonTimes = ['07:00', '08:00', '09:00', '10:00', '12:00', '18:00'];
/** Quiet hours offered as buttons; others are typed (al:qt). */
export const commonQuiet = ['22:00-07:00', '23:00-08:00', '20:00-09:00'];

const mark = (on: boolean, label: string) => (on ? `• ${label}` : label);

export function alertsText(s: AlertSettingsView, lang: Lang): string {
  const onOff = (on: boolean) => t(on ? 'switchedOn' : 'switchedOff', lang);
  const digest =
    s.digest === 'off'
      ? t('digestOff', lang)
      : `${t(s.digest === 'daily' ? 'digestDaily' : 'digestWeekly', lang)}${
          s.digest === 'weekly' ? ` · ${weekdayNames(lang)[s.weekday - 1]}` : ''
        } · ${s.digestTime} (${s.timeZone})`;
  const highValue =
    s.churnProbabilityAtLeast === null
      ? onOff(false)
      : `${t('probabilityFrom', lang)} ${s.churnProbabilityAtLeast}%, ${t('valueFrom', lang)} ${s.highValueFrom}`;
  return [
    t('alertsTitle', lang),
    '',
    `${t('digestLabel', lang)}: ${digest}`,
    `${t('screenshotLabel', lang)}: ${s.screenshotBlock ? blockLabel(s.screenshotBlock, lang) : t('none', lang)}`,
    `${t('quietLabel', lang)}: ${s.quietStart && s.quietEnd ? `${s.quietStart}–${s.quietEnd}` : t('none', lang)}`,
    `${t('churnAlertLabel', lang)}: ${s.churnRateAbove === null ? onOff(false) : `${s.churnRateAbove}%`}`,
    `${t('highValueLabel', lang)}: ${highValue}`,
    `${t('failuresLabel', lang)}: ${onOff(s.failureAlerts)}`,
  ].join('\n');
}

export function alertsKeyboard(s: AlertSettingsView, lang: Lang): InlineKeyboard {
  return new InlineKeyboard()
    .text(mark(s.digest === 'off', t('btnOff', lang)), 'al:d:off')
    .text(mark(s.digest === 'daily', t('btnDaily', lang)), 'al:d:daily')
    .text(mark(s.digest === 'weekly', t('btnWeekly', lang)), 'al:d:weekly')
    .row()
    .text(`⏰ ${s.digestTime}`, 'al:t')
    .text(`📅 ${weekdayNames(lang)[s.weekday - 1]}`, 'al:w')
    .text(`📷 ${s.screenshotBlock ? blockLabel(s.screenshotBlock, lang) : t('none', lang)}`, 'al:b')
    .row()
    .text(t('btnQuiet', lang), 'al:q')
    .text(t('btnChurn', lang), 'al:cr')
    .row()
    .text(t('btnHighValue', lang), 'al:hv')
    .text(
      `${t('btnFailures', lang)}: ${t(s.failureAlerts ? 'switchedOn' : 'switchedOff', lang)}`,
      `al:f:${s.failureAlerts ? 0 : 1}`,
    )
    .row()
    .text(t('btnTest', lang), 'al:x');
}

/** A sub-menu: its choices, then Back to the main menu. */
export function choices(
  items: [label: string, data: string][],
  perRow: number,
  lang: Lang,
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  items.forEach(([label, data], i) => {
    if (i > 0 && i % perRow === 0) keyboard.row();
    keyboard.text(label, data);
  });
  return keyboard.row().text(t('prev', lang), 'al:m');
}
