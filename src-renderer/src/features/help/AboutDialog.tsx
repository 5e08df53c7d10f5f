import { useEffect, useState } from 'react';
import type { Diagnostics } from '../../../../src-shared/domain/diagnostics';
import { useClient } from '../../client/client-context';
import { useAppInfoStore } from '../../stores/app-info-store';
import { copyText } from './copy-text';

type CopyState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'copied'; lines: number } | { kind: 'manual'; text: string } | { kind: 'failed'; message: string };

/**
 * Help → About: what this is (and is not: advice), where its data and log
 * live, and "Copy diagnostics" for a support request, secrets masked by main.
 */
export function AboutDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const info = useAppInfoStore((state) => state.info);
  const [where, setWhere] = useState<Pick<Diagnostics, 'dataDir' | 'logFile'> | null>(null);
  const [copy, setCopy] = useState<CopyState>({ kind: 'idle' });

  useEffect(() => {
    let alive = true;
    client.call('app.diagnostics', {}).then(
      (report) => alive && setWhere({ dataDir: report.dataDir, logFile: report.logFile }),
      () => {},
    );
    return () => {
      alive = false;
    };
  }, [client]);

  const copyDiagnostics = async () => {
    setCopy({ kind: 'busy' });
    try {
      const report = await client.call('app.diagnostics', {});
      setWhere({ dataDir: report.dataDir, logFile: report.logFile });
      setCopy((await copyText(report.text)) ? { kind: 'copied', lines: report.logLines.length } : { kind: 'manual', text: report.text });
    } catch (failure) {
      setCopy({ kind: 'failed', message: failure instanceof Error ? failure.message : String(failure) });
    }
  };

  return (
    <div className="ks-backdrop">
      <div
        className="settings-dialog about-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="about-title"
        data-testid="about-dialog"
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      >
        <header className="settings-header">
          <h3 id="about-title">About Tickdesk</h3>
          <button type="button" onClick={onClose} data-testid="about-close" aria-label="Close about">×</button>
        </header>
        <p data-testid="about-version">
          Tickdesk {info?.version ?? ''} — {info?.mode === 'electron' ? 'desktop app' : 'browser mode'}. MIT licence.
        </p>
        <p className="about-disclaimer" data-testid="about-disclaimer">
          Not investment advice. Orders go to the paper broker by default; they reach a real broker only when you
          choose one (Kite or Kotak) and log in. You alone are responsible for every order you place.
        </p>
        <dl className="about-paths">
          <dt>Data folder</dt>
          <dd data-testid="about-data-dir">{where?.dataDir ?? '…'}</dd>
          <dt>Log file</dt>
          <dd data-testid="about-log-file">{where ? (where.logFile ?? 'none (logs go to the terminal)') : '…'}</dd>
        </dl>
        <div className="settings-actions">
          <button type="button" data-testid="copy-diagnostics" disabled={copy.kind === 'busy'} onClick={() => void copyDiagnostics()}>
            Copy diagnostics
          </button>
        </div>
        <p className="settings-note">
          Diagnostics: versions, operating system, these folders, the database state and the last log lines, with
          passwords, tokens and keys masked. Nothing is sent anywhere; paste it where you ask for help.
        </p>
        {copy.kind === 'copied' ? <p className="settings-saved" role="status" data-testid="diagnostics-copied">Copied to the clipboard ({copy.lines} log lines).</p> : null}
        {copy.kind === 'failed' ? <p className="settings-error" role="alert">{copy.message}</p> : null}
        {copy.kind === 'manual' ? (
          <>
            <p className="settings-note" role="status">Copying was not allowed here: select the text below and copy it.</p>
            <textarea className="about-diagnostics" readOnly value={copy.text} data-testid="diagnostics-text" />
          </>
        ) : null}
      </div>
    </div>
  );
}
