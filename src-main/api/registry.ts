import {
  ContractError,
  isMethodName,
  methods,
  toErrorEnvelope,
  type MethodName,
  type MethodResult,
  type ParsedArgs,
} from '../../src-shared/contract';
import type { CallOutcome } from '../../src-shared/contract/wire';

/** Who is calling: used for audit lines and per-transport rules. */
export interface CallContext {
  readonly transport: 'electron' | 'websocket' | 'cli' | 'test';
}

export type Handler<M extends MethodName> = (
  args: ParsedArgs<M>,
  ctx: CallContext,
) => Promise<MethodResult<M>> | MethodResult<M>;

/** Every contract method must have a handler: a missing one fails the typecheck. */
export type Handlers = { [M in MethodName]: Handler<M> };

/** A slice of the handler map, one file per domain (api/db.ts, api/app.ts, ...). */
export type DomainHandlers<M extends MethodName> = { [K in M]: Handler<K> };

/**
 * The single entry point for every transport. It validates the argument
 * before a handler runs and turns every failure into an envelope, so a
 * malformed or unknown call can never crash main.
 */
export async function dispatch(
  handlers: Handlers,
  method: unknown,
  rawArgs: unknown,
  ctx: CallContext,
): Promise<CallOutcome> {
  try {
    if (!isMethodName(method)) {
      // Not String(method): an object whose toString is not callable would throw (fuzzing found it).
      const name = typeof method === 'string' ? method.slice(0, 128) : `(${typeof method})`;
      throw new ContractError('NOT_FOUND', `Unknown method "${name}"`);
    }
    const parsed = methods[method].args.safeParse(rawArgs ?? {});
    if (!parsed.success) {
      throw new ContractError('VALIDATION', `Invalid arguments for "${method}"`, parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })));
    }
    const handler = handlers[method] as Handler<typeof method>;
    const result = await handler(parsed.data as ParsedArgs<typeof method>, ctx);
    return { ok: true, result };
  } catch (error) {
    return { ok: false, error: toErrorEnvelope(error) };
  }
}
