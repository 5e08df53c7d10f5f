import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodArgs, MethodName, MethodResult } from '../../../../src-shared/contract';
import { useClient } from '../../client/client-context';
import { errorMessage } from '../../format/error-message';
import { useConnectionStore } from '../../stores/connection-store';
import { useDbStatusStore } from '../../stores/db-status-store';

export interface DbAdminData<M extends MethodName> {
  data: MethodResult<M> | null;
  error: string | null;
  loading: boolean;
  /** Reads again now (the tab's Refresh button). */
  refresh: () => Promise<void>;
}

/**
 * One panel read: loaded when the tab opens, again on refresh() and, for the
 * Activity tab, every `intervalMs`. Reads wait for the link to main and a
 * ready database, and start again when either comes back (a page opened
 * before its WebSocket, a server restart). The last data stays on screen
 * while a refresh runs or fails; an older answer never overwrites a newer one.
 */
export function useDbAdmin<M extends MethodName>(method: M, args: MethodArgs<M>, intervalMs?: number): DbAdminData<M> {
  const client = useClient();
  const [state, setState] = useState<{ data: MethodResult<M> | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  const latest = useRef(0);
  const argsKey = JSON.stringify(args);
  const linked = useConnectionStore((s) => s.status.state === 'open');
  const dbReady = useDbStatusStore((s) => s.status?.state === 'ready');
  const live = linked && dbReady;

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await client.call(method, JSON.parse(argsKey) as MethodArgs<M>);
      if (request === latest.current) setState({ data, error: null, loading: false });
    } catch (error) {
      if (request === latest.current) setState((s) => ({ ...s, error: errorMessage(error), loading: false }));
    }
  }, [client, method, argsKey]);

  useEffect(() => {
    if (!live) return;
    void refresh();
    const timer = intervalMs ? setInterval(() => void refresh(), intervalMs) : null;
    return () => {
      if (timer) clearInterval(timer);
      // Answers still in flight belong to an unmounted tab: drop them.
      latest.current += 1;
    };
  }, [refresh, intervalMs, live]);

  return { ...state, refresh };
}
