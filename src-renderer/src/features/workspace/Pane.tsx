import type { ReactNode } from 'react';

export type PaneArea = 'watchlist' | 'chart' | 'orders' | 'positions' | 'audit' | 'database';

interface PaneProps {
  title: string;
  /** The grid area it occupies (see workspace.css). */
  area: PaneArea;
  testId: string;
  children: ReactNode;
}

export function Pane({ title, area, testId, children }: PaneProps) {
  return (
    <section className={`pane pane-${area}`} data-testid={testId} aria-label={title}>
      <h2 className="pane-title">{title}</h2>
      <div className="pane-body">{children}</div>
    </section>
  );
}
