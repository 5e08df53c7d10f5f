import { Pane, type PaneArea } from './Pane';

interface PlaceholderPaneProps {
  title: string;
  area: PaneArea;
  /** What the pane will hold once built, said as a future, never shown as data. */
  later: string;
}

/**
 * A pane whose feature is not built yet. It says so plainly: no sample rows,
 * no disabled buttons that look like they might work.
 */
export function PlaceholderPane({ title, area, later }: PlaceholderPaneProps) {
  return (
    <Pane title={title} area={area} testId={`pane-${area}`}>
      <div className="placeholder" data-testid="pane-unavailable">
        <p className="placeholder-head">{title} — not available in this version</p>
        <p className="placeholder-later">{later}</p>
      </div>
    </Pane>
  );
}
