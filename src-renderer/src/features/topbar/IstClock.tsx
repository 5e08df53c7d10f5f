import { formatIstDateTime, formatIstTime } from '../../format/ist-time';
import { useSecondTicker } from '../../hooks/use-second-ticker';
import { useAppInfoStore } from '../../stores/app-info-store';

/** Pure view, so tests can pin the instant. */
export function IstClockView({ now, offsetMs }: { now: number; offsetMs: number }) {
  const seconds = Math.round(offsetMs / 1000);
  const correction =
    seconds === 0 ? '' : `\nShown on the Tickdesk server's clock (${seconds > 0 ? '+' : ''}${seconds} s from this machine).`;
  return (
    <span className="ist-clock" title={`India Standard Time, UTC+05:30\n${formatIstDateTime(now)}${correction}`}>
      <span data-testid="ist-clock">{formatIstTime(now)} IST</span>
    </span>
  );
}

export function IstClock() {
  const offsetMs = useAppInfoStore((s) => s.clockOffsetMs);
  const now = useSecondTicker(offsetMs);
  return <IstClockView now={now} offsetMs={offsetMs} />;
}
