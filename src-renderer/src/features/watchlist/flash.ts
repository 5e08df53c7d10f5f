/**
 * The brief highlight of a price that just changed. It is a static
 * background set by a data attribute and cleared by one shared sweeper,
 * never a CSS animation: 500 rows ticking 20 times a second would keep 500
 * animations running, each repainting its cell every frame (measured by
 * bench:render: frame p50 ~83 ms with animations, ~17 ms without). A static
 * flash paints twice — on and off.
 */
export type FlashDirection = 'up' | 'down';

export const FLASH_MS = 350;

/** The flash for a move from `previous` to `next`; null for the first price or no move. */
export function nextFlash(previous: number | undefined, next: number): FlashDirection | null {
  if (previous === undefined || previous === next) return null;
  return next > previous ? 'up' : 'down';
}

/** Cells whose flash has run its time, given when each was (re)lit. */
export function expiredFlashes<T>(lit: ReadonlyMap<T, number>, now: number, durationMs = FLASH_MS): T[] {
  const expired: T[] = [];
  for (const [cell, at] of lit) if (now - at >= durationMs) expired.push(cell);
  return expired;
}

/**
 * One sweeper for the whole page: a timer runs only while something is lit,
 * at a coarse step (a flash ending 50 ms late is invisible; 500 timers are not free).
 */
export function createFlashSweeper(
  now: () => number = () => performance.now(),
  stepMs = 50,
): { flash(cell: HTMLElement, direction: FlashDirection): void; forget(cell: HTMLElement): void } {
  const lit = new Map<HTMLElement, number>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const sweep = () => {
    timer = null;
    for (const cell of expiredFlashes(lit, now())) {
      lit.delete(cell);
      delete cell.dataset.flash;
    }
    if (lit.size > 0) timer = setTimeout(sweep, stepMs);
  };
  return {
    flash(cell, direction) {
      if (cell.dataset.flash !== direction) cell.dataset.flash = direction;
      lit.set(cell, now());
      timer ??= setTimeout(sweep, stepMs);
    },
    forget(cell) {
      lit.delete(cell);
    },
  };
}

export const flashSweeper = createFlashSweeper();
