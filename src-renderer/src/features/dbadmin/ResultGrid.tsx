import { useMemo, useState, type UIEvent } from 'react';
import type { ConsoleResult } from '../../../../src-shared/contract/domains/dbadmin';

export const ROW_HEIGHT = 22;
/** Rows drawn above and below the visible ones, so a fast scroll shows no gap. */
const OVERSCAN = 10;
/** Before the first layout (and in jsdom, which has none) assume this much height. */
const FALLBACK_VIEWPORT = 480;
const NUMBER_COLUMN = 48;

/** Column widths from the header and the first rows: fixed, so drawn rows line up without measuring. */
export function columnWidths(result: Pick<ConsoleResult, 'columns' | 'rows'>): number[] {
  return result.columns.map((column, index) => {
    let chars = Math.max(column.name.length, column.type.length);
    for (const row of result.rows.slice(0, 50)) chars = Math.max(chars, (row[index] ?? 'NULL').length);
    return Math.min(360, Math.max(64, chars * 7.5 + 16));
  });
}

/** Which rows to draw for a scroll position: [first, last) with overscan. */
export function visibleRange(scrollTop: number, viewport: number, total: number): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  return [first, last];
}

interface ResultGridProps {
  result: Pick<ConsoleResult, 'columns' | 'rows'>;
}

/**
 * The console's result grid: a header with each column's name and type, and
 * only the rows in view in the DOM (a 1,000-row answer scrolls like a
 * 10-row one). Values are PostgreSQL's text; NULL is drawn apart from the
 * text 'NULL'.
 */
export function ResultGrid({ result }: ResultGridProps) {
  const [view, setView] = useState({ top: 0, height: 0 });
  const widths = useMemo(() => columnWidths(result), [result]);
  const template = `${NUMBER_COLUMN}px ${widths.map((w) => `${w}px`).join(' ')}`;
  const totalWidth = NUMBER_COLUMN + widths.reduce((a, b) => a + b, 0);
  const [first, last] = visibleRange(view.top, view.height || FALLBACK_VIEWPORT, result.rows.length);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const target = event.currentTarget;
    setView({ top: target.scrollTop, height: target.clientHeight });
  };

  return (
    <div className="dba-grid" data-testid="console-grid" role="table" aria-rowcount={result.rows.length + 1} onScroll={onScroll}>
      <div className="dba-grid-inner" style={{ width: totalWidth }}>
        <div className="dba-grid-row dba-grid-head" role="row" style={{ gridTemplateColumns: template }}>
          <span className="dba-grid-num" role="columnheader">
            #
          </span>
          {result.columns.map((column, index) => (
            <span key={index} role="columnheader" data-testid="console-column" title={`${column.name} ${column.type}`}>
              <span className="dba-col-name">{column.name}</span>
              <span className="dba-col-type">{column.type}</span>
            </span>
          ))}
        </div>
        <div className="dba-grid-body" style={{ height: result.rows.length * ROW_HEIGHT }}>
          {result.rows.slice(first, last).map((row, offset) => {
            const index = first + offset;
            return (
              <div
                key={index}
                className="dba-grid-row"
                role="row"
                aria-rowindex={index + 2}
                data-testid="console-row"
                style={{ gridTemplateColumns: template, transform: `translateY(${index * ROW_HEIGHT}px)` }}
              >
                <span className="dba-grid-num">{index + 1}</span>
                {row.map((value, column) =>
                  value === null ? (
                    <span key={column} role="cell" className="dba-null" data-null="true">
                      NULL
                    </span>
                  ) : (
                    <span key={column} role="cell" title={value.length > 40 ? value : undefined}>
                      {value}
                    </span>
                  ),
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
