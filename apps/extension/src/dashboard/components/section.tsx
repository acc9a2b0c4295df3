import { type ReactNode, useEffect, useId, useRef } from "react";

/**
 * One dashboard section: a labelled region whose heading takes focus when the person switches
 * to it, so keyboard and screen reader users land at its start.
 */
export function Section({
  id,
  title,
  intro,
  focusOnMount,
  actions,
  children,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  focusOnMount: boolean;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <header className="section-header">
        <div>
          <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
            {title}
          </h2>
          {intro && <p className="section-intro">{intro}</p>}
        </div>
        {actions && <div className="section-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

/**
 * A titled block inside a section: a group named by its heading, so a person (and a test) finds
 * "Withdraw" or "Your channels" by name.
 */
export function Panel({
  title,
  children,
  testId,
  headingLevel = 3,
}: {
  title?: ReactNode;
  children: ReactNode;
  testId?: string;
  headingLevel?: 3 | 4;
}) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const headingId = useId();
  if (!title) {
    return (
      <div className="panel" data-testid={testId}>
        {children}
      </div>
    );
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a titled block of the page, not a set of form controls.
    <div className="panel" role="group" aria-labelledby={headingId} data-testid={testId}>
      <Heading className="panel-title" id={headingId}>
        {title}
      </Heading>
      {children}
    </div>
  );
}

/** Loading and empty states, worded calmly. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
