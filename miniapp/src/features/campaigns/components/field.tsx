import type { ReactNode } from 'react';

/** A form control with its label above it (and an optional value shown beside the label). */
export function Field({
  label,
  aside,
  children,
}: {
  label: string;
  aside?: ReactNode;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child
    <label className="field">
      <span className="field__label">
        {label}
        {aside !== undefined && <span className="field__aside">{aside}</span>}
      </span>
      {children}
    </label>
  );
}
