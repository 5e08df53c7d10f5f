import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { rowWindow } from './windowing';

interface VirtualTableProps {
  rowCount: number;
  /** Fixed: every row is exactly this tall (CSS must agree). */
  rowHeight: number;
  overscan?: number;
  /** The row at `index`; called only for the rows in the window. */
  renderRow: (index: number) => ReactNode;
  /** Told which rows are in the window, so their data can be fetched. */
  onRangeChange?: (first: number, last: number) => void;
  header?: ReactNode;
  testId?: string;
  label: string;
}

/**
 * A windowed table: only the rows in view (plus a few) exist in the DOM, at
 * any row count; see windowing.ts for the arithmetic (including the scaled
 * scrollbar past a few hundred thousand rows). Scroll events are coalesced to
 * one render per animation frame.
 */
export function VirtualTable({ rowCount, rowHeight, overscan = 8, renderRow, onRangeChange, header, testId, label }: VirtualTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(400);
  const frame = useRef<number | null>(null);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const measure = () => setViewportHeight(element.clientHeight || 400);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => () => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
  }, []);

  const onScroll = useCallback(() => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      setScrollTop(scrollRef.current?.scrollTop ?? 0);
    });
  }, []);

  const view = rowWindow({ scrollTop, viewportHeight, rowCount, rowHeight, overscan });

  useEffect(() => {
    if (view.last >= view.first) onRangeChange?.(view.first, view.last);
  }, [view.first, view.last, onRangeChange]);

  const rows: ReactNode[] = [];
  for (let index = view.first; index <= view.last; index += 1) {
    rows.push(
      <div key={index} className="vt-row" role="row" aria-rowindex={index + 1} style={{ top: view.firstTop + (index - view.first) * rowHeight, height: rowHeight }}>
        {renderRow(index)}
      </div>,
    );
  }

  return (
    <div className="vt" role="table" aria-label={label} aria-rowcount={rowCount} data-testid={testId}>
      {header ? <div className="vt-header" role="rowgroup">{header}</div> : null}
      <div ref={scrollRef} className="vt-scroll" onScroll={onScroll} tabIndex={0} data-testid={testId ? `${testId}-scroll` : undefined}>
        <div className="vt-content" role="rowgroup" style={{ height: view.contentHeight }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
