import { useEffect, useRef } from 'react';
import { useClient } from '../../client/client-context';
import { formatBytes } from '../../format/bytes';
import { errorMessage } from '../../format/error-message';
import { formatCount } from '../../format/quantity';
import { useAppInfoStore } from '../../stores/app-info-store';
import { exportFilters, useAuditStore } from '../../stores/audit-store';

/**
 * CSV export of the filtered ledger: it runs in main (streamed to a file in
 * the data folder), this bar shows rows done of the total with a cancel
 * button, then the file's SHA-256. In browser mode the finished file is
 * downloaded through the token-protected /exports/ route; in Electron its
 * path is shown (a save dialog belongs to the shell).
 */
export function ExportBar() {
  const client = useClient();
  const progress = useAuditStore((s) => s.exportProgress);
  const error = useAuditStore((s) => s.exportError);
  const bom = useAuditStore((s) => s.bom);
  const browser = useAppInfoStore((s) => s.info?.mode) !== 'electron';
  const downloaded = useRef(new Set<string>());
  const link = useRef<HTMLAnchorElement>(null);

  useEffect(() => client.on('audit.exportProgress', (p) => useAuditStore.setState({ exportProgress: p })), [client]);

  // The download starts by itself once, when the file is complete.
  useEffect(() => {
    if (!browser || progress?.state !== 'done' || !progress.downloadPath || downloaded.current.has(progress.exportId)) return;
    downloaded.current.add(progress.exportId);
    link.current?.click();
  }, [browser, progress]);

  const start = () => {
    const chosen = exportFilters();
    if (!chosen.ok) {
      useAuditStore.setState({ exportError: chosen.message });
      return;
    }
    useAuditStore.setState({ exportError: null, exportProgress: null });
    client.call('audit.export', { filters: chosen.filters, bom }).then(
      ({ exportId, fileName, total }) => {
        // Progress events may have arrived first; keep theirs if so.
        const now = useAuditStore.getState().exportProgress;
        if (now?.exportId !== exportId) {
          useAuditStore.setState({
            exportProgress: { exportId, fileName, total, state: 'running', rowsDone: 0, bytes: 0, sha256: null, path: null, downloadPath: null, message: null },
          });
        }
      },
      (failure: unknown) => useAuditStore.setState({ exportError: errorMessage(failure) }),
    );
  };
  const cancel = () => progress && void client.call('audit.exportCancel', { exportId: progress.exportId });

  const running = progress?.state === 'running';
  const percent = progress && progress.total > 0 ? Math.min(100, (progress.rowsDone / progress.total) * 100) : running ? 0 : 100;
  return (
    <div className="audit-export" data-testid="audit-export">
      <button type="button" className="mini" data-testid="audit-export-start" disabled={running} onClick={start} title="Export the filtered ledger (From and To required) to CSV">
        Export CSV
      </button>
      <label className="audit-bom" title="A UTF-8 byte order mark lets Excel on Windows read ₹ and other non-ASCII text">
        <input type="checkbox" checked={bom} onChange={(e) => useAuditStore.setState({ bom: e.target.checked })} /> Excel BOM
      </label>
      {progress ? (
        <span className="audit-export-status" data-testid="audit-export-status" data-state={progress.state}>
          {running ? (
            <>
              <progress max={100} value={percent} aria-label="Export progress" />
              <span className="num" data-testid="audit-export-rows">
                {formatCount(progress.rowsDone)} / {formatCount(progress.total)} rows
              </span>
              <button type="button" className="mini" data-testid="audit-export-cancel" onClick={cancel}>
                Cancel
              </button>
            </>
          ) : progress.state === 'done' ? (
            <>
              <span className="ok">
                {formatCount(progress.rowsDone)} rows · {formatBytes(progress.bytes)}
              </span>{' '}
              SHA-256 <code data-testid="audit-export-sha256">{progress.sha256}</code>{' '}
              {browser && progress.downloadPath ? (
                <a ref={link} href={progress.downloadPath} download={progress.fileName} data-testid="audit-export-download">
                  Download
                </a>
              ) : (
                <code title="Saved in Tickdesk's data folder">{progress.path}</code>
              )}
            </>
          ) : (
            <span className={progress.state === 'failed' ? 'bad' : ''}>
              {progress.state === 'cancelled' ? 'Export cancelled; no file was kept.' : progress.message}
            </span>
          )}
        </span>
      ) : null}
      {error ? (
        <span className="pane-error" role="alert" data-testid="audit-export-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
