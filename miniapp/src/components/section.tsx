import type { ReactNode } from 'react';
import './section.css';

type SectionProps = { title?: string; footer?: string; children: ReactNode };

/** A grouped block on the page background, like the sections of Telegram's settings. */
export function Section({ title, footer, children }: SectionProps) {
  return (
    <section className="section">
      {title && <h2 className="section__title">{title}</h2>}
      <div className="section__body">{children}</div>
      {footer && <p className="section__footer">{footer}</p>}
    </section>
  );
}

type SectionRowProps = { label: string; children: ReactNode; testId?: string };

export function SectionRow({ label, children, testId }: SectionRowProps) {
  return (
    <div className="section-row">
      <span className="section-row__label">{label}</span>
      <span className="section-row__value" data-testid={testId}>
        {children}
      </span>
    </div>
  );
}
