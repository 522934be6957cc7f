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
        // A bare value is the business's own (a region's name): marked as not to translate.
        const data = typeof o === 'string';
        const { value: v, label: l } = data ? { value: o, label: o } : o;
        return (
          <option key={v} value={v} translate={data ? 'no' : undefined}>
            {l}
          </option>
        );
      })}
    </select>
  );
}
