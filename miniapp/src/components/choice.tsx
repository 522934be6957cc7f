/** A filter picked from the values the data has ("all" clears it). */
export function Choice({
  label,
  all,
  testId,
  value,
  options,
  onChange,
}: {
  label: string;
  all: string;
  testId: string;
  value: string | undefined;
  /** Values, or values with their display names. */
  options: (string | { value: string; label: string })[];
  onChange: (value: string | undefined) => void;
}) {
  return (
    <select
      aria-label={label}
      data-testid={testId}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value || undefined)}
    >
      <option value="">
        {label}: {all}
      </option>
      {options.map((o) => {
        const { value: v, label: l } = typeof o === 'string' ? { value: o, label: o } : o;
        return (
          <option key={v} value={v}>
            {l}
          </option>
        );
      })}
    </select>
  );
}
