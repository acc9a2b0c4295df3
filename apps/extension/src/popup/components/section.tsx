import type { ReactNode } from "react";

/** One of the wallet's tabs: a region named by its heading, with an action beside it if any. */
export function Section({
  id,
  title,
  action,
  children,
}: {
  /** Names the heading's id (`<id>-heading`). */
  readonly id: string;
  readonly title: string;
  readonly action?: ReactNode;
  readonly children: ReactNode;
}) {
  const heading = <h2 id={`${id}-heading`}>{title}</h2>;
  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      {action ? (
        <div className="section__head">
          {heading}
          {action}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}
