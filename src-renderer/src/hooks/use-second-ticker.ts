import { useEffect, useState } from 'react';

/**
 * The current time (epoch ms, shifted by `offsetMs`), re-rendered just after
 * each whole second of that shifted clock. A timeout re-armed to the next
 * boundary keeps the display from drifting the way setInterval(1000) does.
 */
export function useSecondTicker(offsetMs = 0, clock: () => number = Date.now): number {
  const [now, setNow] = useState(() => clock() + offsetMs);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      const current = clock() + offsetMs;
      setNow(current);
      // +5 ms lands safely after the boundary rather than a hair before it.
      timer = setTimeout(arm, 1000 - (current % 1000) + 5);
    };
    arm();
    return () => clearTimeout(timer);
  }, [offsetMs, clock]);

  return now;
}
