/** A labelled figure in a card, as on the KPI grid (without a change against a period). */
export function Stat({
  label,
  value,
  testId,
  small,
}: {
  label: string;
  value: string;
  testId?: string;
  small?: boolean;
}) {
  return (
    <div className="kpi">
      <div className="kpi-label">{label}</div>
      <div className="kpi-value" data-testid={testId} style={small ? { fontSize: 16 } : undefined}>
        {value}
      </div>
    </div>
  );
}
