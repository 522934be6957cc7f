import { createContext, type ReactNode, useContext } from 'react';
import { useWords, type Words } from '../words';

/** The form's problems being shown (after a Launch that found some); each field shows its own. */
export const ShownProblems = createContext<readonly (keyof Words)[]>([]);

/**
 * A form control with its label above it (and an optional value shown beside the label), and
 * under it the problem it has, once a launch has asked to show problems.
 */
export function Field({
  label,
  aside,
  problem,
  children,
}: {
  label: string;
  aside?: ReactNode;
  /** The problem this field answers for (campaign-form.ts's problemsOf). */
  problem?: keyof Words;
  children: ReactNode;
}) {
  const w = useWords();
  const shown = useContext(ShownProblems);
  const wrong = problem !== undefined && shown.includes(problem);
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child
    <label className={wrong ? 'field field--invalid' : 'field'}>
      <span className="field__label">
        {label}
        {aside !== undefined && <span className="field__aside">{aside}</span>}
      </span>
      {children}
      {wrong && (
        <span className="field__error" role="alert" data-testid={`problem-${problem}`}>
          {w[problem]}
        </span>
      )}
    </label>
  );
}
