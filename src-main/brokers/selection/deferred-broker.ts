/**
 * A real broker whose credentials are read from the secret store only when needed.
 * Until the account can be loaded (store locked, account missing) every order is
 * REFUSED with the reason — the paper broker is never put in its place, so a trader
 * who chose Kite never trades on paper without knowing. Each refusal tries the store
 * again in the background, so the order after "unlock / add it in Settings" goes.
 */
import type { Logger } from '../../log';
import {
  BrokerOutcomeUnknown,
  type Broker,
  type BrokerCall,
  type BrokerCancelRequest,
  type BrokerModifyRequest,
  type BrokerOrderReport,
  type BrokerPlaceRequest,
  type BrokerResponse,
  type BrokerUpdate,
} from '../../oms/broker-port';

/** The inner broker, or the sentence saying why there is none. */
export type BrokerResolution = { ok: true; broker: Broker } | { ok: false; reason: string };

export class DeferredBroker implements Broker {
  readonly #listeners = new Set<(update: BrokerUpdate) => void>();
  #inner: Broker | null = null;
  #unhook: (() => void) | null = null;
  #resolving: Promise<BrokerResolution> | null = null;
  #reason: string;
  #running = false;

  constructor(
    readonly name: string,
    private readonly resolve: () => Promise<BrokerResolution>,
    private readonly log: Logger,
  ) {
    this.#reason = `${name}: the account has not been loaded yet`;
  }

  /** Why orders are refused now, or null when the broker is ready. */
  unavailableReason(): string | null {
    return this.#inner ? null : this.#reason;
  }

  async start(): Promise<void> {
    this.#running = true;
    await this.#tryResolve();
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#resolving?.catch(() => undefined);
    this.#unhook?.();
    this.#unhook = null;
    const inner = this.#inner;
    this.#inner = null;
    await inner?.stop();
  }

  encode(call: BrokerCall): Record<string, unknown> {
    return this.#inner ? this.#inner.encode(call) : { notSent: true, reason: this.#reason };
  }

  async place(request: BrokerPlaceRequest): Promise<BrokerResponse> {
    return this.#inner ? this.#inner.place(request) : this.#refuse();
  }

  async modify(request: BrokerModifyRequest): Promise<BrokerResponse> {
    return this.#inner ? this.#inner.modify(request) : this.#refuse();
  }

  async cancel(request: BrokerCancelRequest): Promise<BrokerResponse> {
    return this.#inner ? this.#inner.cancel(request) : this.#refuse();
  }

  async orderStatus(clientOrderId: string): Promise<BrokerOrderReport | null> {
    if (!this.#inner) await this.#tryResolve();
    // Without the account the venue cannot be asked: "unknown" keeps the order in flight, never "not received".
    if (!this.#inner) throw new BrokerOutcomeUnknown(this.#reason);
    return this.#inner.orderStatus(clientOrderId);
  }

  onUpdate(listener: (update: BrokerUpdate) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The encode that went to the ledger said "not sent" (no inner broker), so this call
   * must not send either, even if the account became available in between.
   */
  #refuse(): BrokerResponse {
    const reason = this.#reason;
    void this.#tryResolve();
    return { ok: false, reason, raw: { notSent: true, reason }, report: null };
  }

  async #tryResolve(): Promise<BrokerResolution> {
    if (this.#inner) return { ok: true, broker: this.#inner };
    this.#resolving ??= this.#attempt().finally(() => {
      this.#resolving = null;
    });
    return this.#resolving;
  }

  async #attempt(): Promise<BrokerResolution> {
    let resolution: BrokerResolution;
    try {
      resolution = await this.resolve();
    } catch (error) {
      resolution = { ok: false, reason: `${this.name}: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (!resolution.ok) {
      if (resolution.reason !== this.#reason) this.log.warn('broker not available; orders are refused until it is', { broker: this.name, reason: resolution.reason });
      this.#reason = resolution.reason;
      return resolution;
    }
    if (!this.#running) return resolution;
    const inner = resolution.broker;
    await inner.start();
    this.#unhook = inner.onUpdate((update) => {
      for (const listener of this.#listeners) listener(update);
    });
    this.#inner = inner;
    this.log.info('broker ready', { broker: this.name });
    return resolution;
  }
}
