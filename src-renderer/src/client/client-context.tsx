import { createContext, useContext, type ReactNode } from 'react';
import type { TickdeskClient } from '../../../src-shared/contract/client';

const ClientContext = createContext<TickdeskClient | null>(null);

/** Hands the one client made at boot to the panes that call main. */
export function ClientProvider({ client, children }: { client: TickdeskClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): TickdeskClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient() outside <ClientProvider>: the client is made once at boot in main.tsx');
  return client;
}
