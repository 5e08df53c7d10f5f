import { useEffect, useState } from 'react';
import type { OrderPreview } from '../../../../src-shared/contract/domains/orders';
import { useClient } from '../../client/client-context';
import { errorMessage } from '../../format/error-message';
import { intentKey, type TicketIntent } from './ticket-form';

export const PREVIEW_DEBOUNCE_MS = 150;
/** Re-asked while the ticket is open: value, charges and risk follow the live price. */
export const PREVIEW_REFRESH_MS = 3_000;

/** The preview never places anything; its id only has to satisfy the schema. */
const PREVIEW_CLIENT_ID = 'preview';

interface PreviewState {
  /** intentKey() these answers belong to (an answer for an older form is not shown). */
  key: string | null;
  preview: OrderPreview | null;
  error: string | null;
}

const NONE: PreviewState = { key: null, preview: null, error: null };

/** orders.preview for the intent on screen: debounced while typing, refreshed while it stands. */
export function usePreview(intent: TicketIntent | null): { preview: OrderPreview | null; error: string | null } {
  const client = useClient();
  const [state, setState] = useState<PreviewState>(NONE);
  const key = intent ? intentKey(intent) : null;

  useEffect(() => {
    if (!intent || key === null) return;
    let current = true;
    const ask = () => {
      client.call('orders.preview', { ...intent, clientOrderId: PREVIEW_CLIENT_ID }).then(
        (preview) => {
          if (current) setState({ key, preview, error: null });
        },
        (error: unknown) => {
          if (current) setState({ key, preview: null, error: errorMessage(error) });
        },
      );
    };
    const first = setTimeout(ask, PREVIEW_DEBOUNCE_MS);
    const refresh = setInterval(ask, PREVIEW_REFRESH_MS);
    return () => {
      current = false;
      clearTimeout(first);
      clearInterval(refresh);
    };
    // `key` stands for `intent`: a new object with the same fields must not re-ask.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key]);

  return state.key !== null && state.key === key ? { preview: state.preview, error: state.error } : { preview: null, error: null };
}
