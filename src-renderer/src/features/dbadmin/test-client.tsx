/**
 * Test helpers for the database panel: a client answering from a table of
 * handlers (recording each call), and a render wrapped in its provider.
 */
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { TickdeskClient } from '../../../../src-shared/contract/client';
import type { MethodArgs, MethodName, MethodResult } from '../../../../src-shared/contract';
import { ClientProvider } from '../../client/client-context';

export type Answers = { [M in MethodName]?: (args: MethodArgs<M>) => MethodResult<M> | Promise<MethodResult<M>> };

export interface RecordingClient extends TickdeskClient {
  readonly calls: Array<{ method: MethodName; args: unknown }>;
}

export function recordingClient(answers: Answers): RecordingClient {
  const calls: Array<{ method: MethodName; args: unknown }> = [];
  return {
    calls,
    async call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
      calls.push({ method, args });
      const answer = answers[method] as ((a: MethodArgs<M>) => MethodResult<M> | Promise<MethodResult<M>>) | undefined;
      if (!answer) throw new Error(`test client: nothing answers ${method}`);
      return answer(args);
    },
    on: () => () => undefined,
  };
}

export function renderWithClient(client: TickdeskClient, node: ReactNode) {
  return render(<ClientProvider client={client}>{node}</ClientProvider>);
}
