import { useEffect, useState } from 'react';
import { useLang } from '../../lib/i18n';
import { useLiveUpdates } from './use-live-updates';
import './live.css';

function age(changedAt: string, now: number, lang: 'en' | 'ru'): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(changedAt)) / 60_000));
  if (lang === 'ru')
    return minutes === 0 ? 'данные обновлены только что' : `данные обновлены ${minutes} мин. назад`;
  return minutes === 0 ? 'data updated just now' : `data updated ${minutes} min ago`;
}

/** A quiet line saying how fresh the numbers are, flashing when new data just arrived. */
export function LiveBadge() {
  const lang = useLang();
  const { changedAt, justUpdated } = useLiveUpdates(true);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(tick);
  }, []);
  if (!changedAt) return null;
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
