import { formatDate } from '@retention/contracts';
import type { Effect } from '../../../components/campaign-effect';
import { formatValue } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { useWords } from '../words';

/** The results over time: week by week, each group's retention so far and the redemptions. */
export function CampaignWeeks({ weeks }: { weeks: Effect['weeks'] }) {
  const lang = useLang();
  const w = useWords();
  if (weeks.length === 0) return null;
  return (
    <div className="campaign-weeks">
      <h3 className="weeks-title">{w.overTime}</h3>
      <table className="summary" data-testid="campaign-weeks">
        <thead>
          <tr>
            <th>{w.weekTo}</th>
            <th>{w.target}</th>
            <th>{w.control}</th>
            <th>{w.redeemedStat}</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((p) => (
            <tr key={p.day}>
              <td>{formatDate(p.day, lang)}</td>
              <td>{formatValue(p.targetRetention, 'pct', lang)}</td>
              <td>{formatValue(p.controlRetention, 'pct', lang)}</td>
              <td>{formatValue(p.redeemed, 'int', lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{w.overTimeHint}</p>
    </div>
  );
}
