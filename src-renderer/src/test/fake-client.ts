/**
 * A TickdeskClient for renderer tests: answers calls from a table of handlers
 * (a call with no handler rejects), records each call, and lets the test push
 * events to whatever the code under test subscribed.
 */
import type { TickdeskClient } from '../../../src-shared/contract/client';
import type { EventName, EventPayload, MethodArgs, MethodName, MethodResult } from '../../../src-shared/contract';

export type Handlers = { [M in MethodName]?: (args: MethodArgs<M>) => MethodResult<M> | Promise<MethodResult<M>> };

export interface FakeClient extends TickdeskClient {
  readonly calls: Array<{ method: MethodName; args: unknown }>;
  /** The args of every call of `method`, in order. */
  callsOf(method: MethodName): unknown[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export function fakeClient(handlers: Handlers): FakeClient {
  const calls: Array<{ method: MethodName; args: unknown }> = [];
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  return {
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method).map((call) => call.args),
    async call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
      calls.push({ method, args });
      const handler = handlers[method] as ((args: MethodArgs<M>) => MethodResult<M> | Promise<MethodResult<M>>) | undefined;
      if (!handler) throw new Error(`fake client: no handler for ${method}`);
      return handler(args);
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) (listener as (payload: EventPayload<typeof event>) => void)(payload);
    },
  };
}
