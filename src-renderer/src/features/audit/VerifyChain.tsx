import { useClient } from '../../client/client-context';
import { errorMessage } from '../../format/error-message';
import { formatCount } from '../../format/quantity';
import { useAuditStore } from '../../stores/audit-store';

/** Recomputes the ledger's hash chain in main and says whether it holds, or where it first breaks. */
export function VerifyChain() {
  const client = useClient();
  const verify = useAuditStore((s) => s.verify);
  const run = () => {
    useAuditStore.setState({ verify: { state: 'running' } });
    client.call('audit.verify', {}).then(
      (result) => useAuditStore.setState({ verify: { state: 'done', result } }),
      (error: unknown) => useAuditStore.setState({ verify: { state: 'error', message: errorMessage(error) } }),
    );
  };
  let text = '';
  let tone = '';
  let title: string | undefined;
  if (verify.state === 'running') text = 'Verifying…';
  else if (verify.state === 'error') [text, tone] = [verify.message, 'bad'];
  else if (verify.state === 'done') {
    const r = verify.result;
    if (r.ok) {
      [text, tone] = [`✓ chain intact · ${formatCount(r.checked)} events`, 'ok'];
      title = r.headHash ? `Head: event ${r.headEventId}, ${r.headHash}` : undefined;
    } else if (r.firstBroken) {
      [text, tone] = [`✗ broken at event ${r.firstBroken.eventId} (${r.firstBroken.link === 'hash' ? 'content altered' : 'link altered'})`, 'bad'];
      title = `expected ${r.firstBroken.expected}\nfound ${r.firstBroken.found ?? 'NULL'}`;
    } else text = 'Stopped before the end';
  }
  return (
    <span className="audit-verify">
      <button type="button" className="mini" data-testid="audit-verify" disabled={verify.state === 'running'} onClick={run}>
        Verify chain
      </button>
      {text ? (
        <span className={`audit-verify-result ${tone}`} data-testid="audit-verify-result" title={title}>
          {text}
        </span>
      ) : null}
    </span>
  );
}
