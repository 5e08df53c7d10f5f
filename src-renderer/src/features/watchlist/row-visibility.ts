/**
 * Which watchlist rows are on screen (or about to be), from one shared
 * IntersectionObserver. A row off screen skips the React work for its ticks
 * (500 rows at 10,000 ticks/s would otherwise re-render ~200 rows a frame for
 * the ~20 anyone can see) and catches up the moment it scrolls into view.
 */
type Listener = (visible: boolean) => void;

export interface VisibilityWatcher {
  /** Calls `listener` on every change; returns the unsubscribe. Elements start out as visible. */
  watch(element: Element, listener: Listener): () => void;
}

/** Rows this far outside the pane are rendered already, so scrolling never shows a stale price. */
export const ROW_MARGIN = '300px 0px';

export function createVisibilityWatcher(
  makeObserver: ((callback: IntersectionObserverCallback) => IntersectionObserver) | null = typeof IntersectionObserver === 'function'
    ? (callback) => new IntersectionObserver(callback, { rootMargin: ROW_MARGIN })
    : null,
): VisibilityWatcher {
  const listeners = new Map<Element, Listener>();
  let observer: IntersectionObserver | null = null;
  const onEntries: IntersectionObserverCallback = (entries) => {
    for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
  };
  return {
    watch(element, listener) {
      // Without IntersectionObserver (tests, old engines) every row simply stays live.
      if (!makeObserver) return () => undefined;
      observer ??= makeObserver(onEntries);
      listeners.set(element, listener);
      observer.observe(element);
      return () => {
        listeners.delete(element);
        observer?.unobserve(element);
      };
    },
  };
}

export const rowVisibility = createVisibilityWatcher();
