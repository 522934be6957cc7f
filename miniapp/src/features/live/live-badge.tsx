import { useEffect, useState } from 'react';
import { formatDate } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useLiveUpdates } from './use-live-updates';
import './live.css';

function age(changedAt: string, now: number, lang: 'en' | 'ru'): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(changedAt)) / 60_000));
  if (lang === 'ru')
    return minutes === 0 ? 'данные обновлены только что' : `данные обновлены ${minutes} мин. назад`;
  return minutes === 0 ? 'data updated just now' : `data updated ${minutes} min ago`;
}

/** Data that ended long ago is shown as of its last day: the screen says so, and how to change it. */
function dataEndsText(dataEnds: string, lang: 'en' | 'ru'): string {
  const day = formatDate(dataEnds, lang);
  return lang === 'ru'
    ? `Данные заканчиваются ${day}: всё показано на этот день (настройка AS_OF)`
    : `Data ends ${day}: everything is shown as of that day (setting AS_OF)`;
}

/** A quiet line saying how fresh the numbers are, flashing when new data just arrived. */
export function LiveBadge() {
  const lang = useLang();
  const { changedAt, dataEnds, justUpdated } = useLiveUpdates(true);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(tick);
  }, []);
  if (!changedAt) return null;
  if (dataEnds) {
    return (
      <p className="live-badge live-badge--ended" data-testid="data-ends" role="status">
        {dataEndsText(dataEnds, lang)}
      </p>
    );
  }
  return (
    <p
      className={`live-badge${justUpdated ? ' live-badge--new' : ''}`}
      data-testid="live-badge"
      data-updated={justUpdated}
    >
      {justUpdated ? (lang === 'ru' ? '● новые данные' : '● new data') : age(changedAt, now, lang)}
    </p>
  );
}
