import { useState, type ReactNode } from 'react';

/**
 * Pretty-printed JSON whose objects and arrays fold. It renders the value
 * itself (keys as stored, strings JSON-quoted), never HTML from it, so a
 * broker's response cannot inject markup. Levels deeper than `openDepth`
 * start folded.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function Scalar({ value }: { value: Exclude<Json, Json[] | { [key: string]: Json }> }) {
  if (value === null) return <span className="json-null">null</span>;
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  return <span className="json-bool">{String(value)}</span>;
}

function Node({ name, value, depth, openDepth, last }: { name: string | null; value: Json; depth: number; openDepth: number; last: boolean }) {
  const [open, setOpen] = useState(depth < openDepth);
  const key = name === null ? null : <span className="json-key">{JSON.stringify(name)}: </span>;
  const comma = last ? '' : ',';
  if (value === null || typeof value !== 'object') {
    return (
      <div className="json-line" style={{ paddingLeft: depth * 14 }}>
        {key}
        <Scalar value={value} />
        {comma}
      </div>
    );
  }
  const isArray = Array.isArray(value);
  const entries: Array<[string | null, Json]> = isArray ? value.map((v) => [null, v]) : Object.entries(value);
  const [openMark, closeMark] = isArray ? ['[', ']'] : ['{', '}'];
  const toggle = (
    <button type="button" className="json-toggle" aria-expanded={open} aria-label={open ? 'Fold' : 'Unfold'} onClick={() => setOpen(!open)}>
      {open ? '▾' : '▸'}
    </button>
  );
  if (!open || entries.length === 0) {
    const summary = entries.length === 0 ? '' : isArray ? `${entries.length} items` : `${entries.length} keys`;
    return (
      <div className="json-line" style={{ paddingLeft: depth * 14 }}>
        {entries.length > 0 ? toggle : null}
        {key}
        {openMark}
        {summary ? <span className="json-summary">…{summary}</span> : null}
        {closeMark}
        {comma}
      </div>
    );
  }
  const children: ReactNode[] = entries.map(([childName, child], i) => (
    <Node key={childName ?? i} name={childName} value={child} depth={depth + 1} openDepth={openDepth} last={i === entries.length - 1} />
  ));
  return (
    <>
      <div className="json-line" style={{ paddingLeft: depth * 14 }}>
        {toggle}
        {key}
        {openMark}
      </div>
      {children}
      <div className="json-line" style={{ paddingLeft: depth * 14 }}>
        {closeMark}
        {comma}
      </div>
    </>
  );
}

export function JsonView({ value, openDepth = 3, testId }: { value: unknown; openDepth?: number; testId?: string }) {
  return (
    <div className="json-view" data-testid={testId}>
      <Node name={null} value={value as Json} depth={0} openDepth={openDepth} last />
    </div>
  );
}
