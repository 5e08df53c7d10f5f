import {
  ContractError,
  events,
  isEventName,
  isMethodName,
  methods,
  type EventName,
  type EventPayload,
  type MethodArgs,
  type MethodName,
  type MethodResult,
} from './index';
import type { Transport } from './transport';

export interface TickdeskClient {
  call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/**
 * The renderer's one way to main. Results and events are validated against
 * the contract here too: main is another process, and a schema drift should
 * surface as a clear error, not as undefined deep in a component.
 */
export function createClient(transport: Transport): TickdeskClient {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<EventName, Set<Listener>>();

  transport.onEvent((event, payload) => {
    if (!isEventName(event)) return;
    const set = listeners.get(event);
    if (!set || set.size === 0) return;
    const parsed = events[event].safeParse(payload);
    if (!parsed.success) {
      console.error(`tickdesk: dropped malformed "${event}" event`, parsed.error.issues);
      return;
    }
    for (const listener of set) listener(parsed.data);
  });

  return {
    async call(method, args) {
      if (!isMethodName(method)) throw new ContractError('NOT_FOUND', `Unknown method "${String(method)}"`);
      const outcome = await transport.invoke(method, args);
      if (!outcome.ok) throw ContractError.fromEnvelope(outcome.error);
      const parsed = methods[method].result.safeParse(outcome.result);
      if (!parsed.success) {
        throw new ContractError('INTERNAL', `Main answered "${method}" with a malformed result`, parsed.error.issues);
      }
      return parsed.data as MethodResult<typeof method>;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const wrapped = listener as Listener;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
}
