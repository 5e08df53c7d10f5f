import { useEffect } from 'react';
import type { BrokerIdName, DrillProgressView, DrillReportView, DrillSummaryView } from '../../../../src-shared/contract/domains/brokers';
import { useClient } from '../../client/client-context';
import { formatIstDateTime } from '../../format/ist-time';
import { formatCount } from '../../format/quantity';
import { brokerLabel } from './account-fields';
import { followDrill, isDrillRunning, runDrillNow, useDrillStore } from './drill-store';

const phaseNames: Record<DrillProgressView['phase'], string> = {
  download: 'Downloading',
  parse: 'Checking rows',
  upsert: 'Saving instruments',
  done: 'Done',
  failed: 'Failed',
};

/** "12,345 rows · 120 new, 12,200 updated · 3 bad rows · 22 unsupported". */
export function summaryText(s: DrillSummaryView): string {
  const written = s.inserted !== null && s.updated !== null ? `${formatCount(s.inserted)} new, ${formatCount(s.updated)} updated` : `${formatCount(s.upserted)} upserted`;
  const segments = s.segments === null ? '' : ` · ${formatCount(s.segments)} segment${s.segments === 1 ? '' : 's'}`;
  return `${formatCount(s.rows)} rows · ${written} · ${formatCount(s.bad)} bad row${s.bad === 1 ? '' : 's'} · ${formatCount(s.unsupported)} unsupported${segments}`;
}

function progressText(p: DrillProgressView): string {
  const where = p.segment ? ` ${p.segment}` : '';
  if (p.total !== null && p.total > 0) return `${phaseNames[p.phase]}${where}: ${formatCount(p.done)} of ${formatCount(p.total)}`;
  return p.done > 0 ? `${phaseNames[p.phase]}${where}: ${formatCount(p.done)} rows` : `${phaseNames[p.phase]}${where}…`;
}

function DrillProgressBar({ progress }: { progress: DrillProgressView }) {
  const known = progress.total !== null && progress.total > 0;
  return (
    <div className="drill-progress" data-testid="drill-progress" data-phase={progress.phase}>
      {/* Without a total the bar is indeterminate (no value): a download's size is not known ahead. */}
      {known ? <progress max={progress.total ?? 1} value={progress.done} aria-label="Instrument master progress" /> : <progress aria-label="Instrument master progress" />}
      <span className="settings-note" data-testid="drill-progress-text">{progressText(progress)}</span>
    </div>
  );
}

function BrokerDrill({ broker, report, progress }: { broker: BrokerIdName; report: DrillReportView | null; progress: DrillProgressView | null }) {
  return (
    <div className="drill-broker" data-testid={`drill-${broker}`}>
      <strong>{brokerLabel[broker]}</strong>
      {report === null ? (
        <span className="settings-note" data-testid="drill-never"> — not downloaded since Tickdesk started.</span>
      ) : (
        <>
          <span data-testid="drill-when"> — last download {formatIstDateTime(report.at)}: </span>
          <span className={report.ok ? 'settings-saved' : 'settings-error'} data-testid="drill-outcome">{report.ok ? 'ok' : 'failed'}</span>
          {report.summary ? <div className="settings-note" data-testid="drill-summary">{summaryText(report.summary)}</div> : null}
          {report.error ? (
            <div className="settings-error" role="alert" data-testid="drill-error">
              {report.error}
              {report.ok ? '' : ' — yesterday’s instruments stay in use.'}
            </div>
          ) : null}
        </>
      )}
      {progress ? <DrillProgressBar progress={progress} /> : null}
    </div>
  );
}

/**
 * Settings → Instrument master: the broker's master as the morning drill last
 * left it (when, in IST; ok or why not; the counts), its progress while it runs,
 * and "Download now". With the paper broker there is no master to download.
 */
export function InstrumentMaster() {
  const client = useClient();
  const { status, progress, busy, error } = useDrillStore();
  const running = isDrillRunning({ status, progress, busy });

  useEffect(() => followDrill(client), [client]);

  return (
    <section className="drill-section" data-testid="instrument-master" aria-labelledby="instrument-master-title">
      <h4 id="instrument-master-title">Instrument master</h4>
      {status === null ? (
        error ? null : <p className="settings-note">Loading…</p>
      ) : status.brokers.length === 0 ? (
        <p className="settings-note" data-testid="drill-paper">
          No broker instrument master to download: Tickdesk is on the paper broker, which trades the simulated universe.
        </p>
      ) : (
        <>
          {status.brokers.map((broker) => (
            <BrokerDrill key={broker} broker={broker} report={status.reports.find((r) => r.broker === broker) ?? null} progress={progress[broker] ?? null} />
          ))}
          <div className="settings-actions">
            {status.nextAt === null ? null : <span className="settings-note" data-testid="drill-next">Next daily download {formatIstDateTime(status.nextAt)}</span>}
            <button type="button" disabled={running} data-testid="drill-now" onClick={() => void runDrillNow(client)}>
              {running ? 'Downloading…' : 'Download now'}
            </button>
          </div>
        </>
      )}
      {error ? <p className="settings-error" role="alert" data-testid="drill-call-error">{error}</p> : null}
    </section>
  );
}
