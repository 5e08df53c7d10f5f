// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { Profiler, useRef } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Quote } from '../../../../src-shared/market/quote';
import { applyQuotes, useQuotesStore } from '../../stores/quotes-store';
import { createVisibilityWatcher } from './row-visibility';
import { useRowQuote } from './use-row-quote';

const quote = (token: number, ltp: number, ts: number): Quote => ({ token, ltp, open: ltp, high: ltp, low: ltp, close: ltp, change: 0, changePct: 0, volume: 0, oi: 0, bid: null, ask: null, bidQty: 0, askQty: 0, ts });

/** An IntersectionObserver the test drives: `show(false)` scrolls every watched row away. */
function fakeObserver() {
  let callback: IntersectionObserverCallback | null = null;
  const targets = new Set<Element>();
  const watcher = createVisibilityWatcher((cb) => {
    callback = cb;
    return {
      observe: (el: Element) => void targets.add(el),
      unobserve: (el: Element) => void targets.delete(el),
      disconnect: () => targets.clear(),
    } as unknown as IntersectionObserver;
  });
  const show = (visible: boolean) =>
    callback?.([...targets].map((target) => ({ target, isIntersecting: visible }) as IntersectionObserverEntry), {} as IntersectionObserver);
  return { watcher, show, targets };
}

let renders = 0;
function RowBody({ watcher }: { watcher: ReturnType<typeof fakeObserver>['watcher'] }) {
  const ref = useRef<HTMLDivElement>(null);
  const q = useRowQuote(7, ref, watcher);
  return (
    <div ref={ref} data-testid="row">
      {q?.ltp ?? '—'}
    </div>
  );
}

/** Counts commits of the row (the Profiler calls back once per render that reached the DOM). */
function Row({ watcher }: { watcher: ReturnType<typeof fakeObserver>['watcher'] }) {
  return (
    <Profiler id="row" onRender={() => (renders += 1)}>
      <RowBody watcher={watcher} />
    </Profiler>
  );
}

beforeEach(() => {
  useQuotesStore.setState({ quotes: {} });
  renders = 0;
});
afterEach(cleanup);

describe('useRowQuote', () => {
  it('follows its token while on screen, holds off screen, and catches up when back', () => {
    const io = fakeObserver();
    applyQuotes([quote(7, 100, 1)]);
    render(<Row watcher={io.watcher} />);
    expect(io.targets.size).toBe(1);
    expect(screen.getByTestId('row').textContent).toBe('100');
    act(() => applyQuotes([quote(7, 101, 2)]));
    expect(screen.getByTestId('row').textContent).toBe('101');

    act(() => io.show(false));
    const before = renders;
    act(() => applyQuotes([quote(7, 102, 3)]));
    act(() => applyQuotes([quote(7, 103, 4)]));
    expect(renders).toBe(before);
    expect(screen.getByTestId('row').textContent).toBe('101');

    act(() => io.show(true));
    expect(screen.getByTestId('row').textContent).toBe('103');
    act(() => applyQuotes([quote(8, 1, 5)]));
    expect(screen.getByTestId('row').textContent).toBe('103');
  });

  it('stops watching when the row goes away', () => {
    const io = fakeObserver();
    const { unmount } = render(<Row watcher={io.watcher} />);
    expect(io.targets.size).toBe(1);
    unmount();
    expect(io.targets.size).toBe(0);
  });
});
