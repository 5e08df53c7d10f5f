/**
 * Kotak Neo behind the Broker interface (oms/broker-port.ts).
 *
 * - encode() is buildWire(): exactly the {method, path, jData} that goes out, the
 *   SL-M → SL conversion already applied, our id in `ig` (see wire.ts for why).
 * - place/modify/cancel resolve with Kotak's answer; a refusal (Not_Ok, 429, expired
 *   session, a request we could not build) is `ok: false` with Kotak's words and was
 *   certainly not acted on. They REJECT (KotakOutcomeUnknown) only when we cannot know:
 *   no answer, a dropped connection, an HTML page or other non-JSON in place of the
 *   answer. Nothing is ever retried here; the OMS reconciles through orderStatus.
 * - The SL-M notice is in the response's `raw` (recorded verbatim) and is the message
 *   of the order's first status update, so it lands on the order the trader sees.
 * - Updates come from polling the order and trade books (order-watch.ts).
 * - A 401/9009xx or a stored session past its day calls onSessionExpired once with
 *   "Kotak session expired — log in again"; the next call loads the stored session
 *   again, so a fresh login is picked up without a restart.
 */
import type { Logger } from '../../../log';
import { BrokerOutcomeUnknown, type Broker, type BrokerCall, type BrokerCancelRequest, type BrokerModifyRequest, type BrokerOrderReport, type BrokerPlaceRequest, type BrokerResponse, type BrokerUpdate } from '../../../oms/broker-port';
import { readBody, type HttpAnswer } from '../../kite/http-body';
import { kotakFormBody, type KotakRequest } from '../order-request';
import { parseKotakOrderResponse, type KotakApiError } from '../order-response';
import { kotakHttp, sessionHeaders } from './kotak-http';
import { KotakBook } from './kotak-book';
import { OrderWatch } from './order-watch';
import { RateLimiter } from './rate-limiter';
import { SESSION_EXPIRED_MESSAGE, type KotakSession } from './session';
import { applyChanges, buildWire, kotakTag, type InstrumentRef, type OrderTerms } from './wire';

export class KotakOutcomeUnknown extends BrokerOutcomeUnknown {
  constructor(message: string, readonly error: KotakApiError | null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KotakOutcomeUnknown';
  }
}

export interface KotakBrokerOptions {
  /** The stored session (secret store), or null when there is none or it is past its day. */
  loadSession(): Promise<KotakSession | null>;
  /** Told once per lost session, with the sentence for the trader. */
  onSessionExpired(message: string): void;
  instrument(token: number): InstrumentRef | null;
  log: Logger;
  /** Order calls per second (default 10, the SEBI threshold for unregistered algos). */
  ordersPerSecond?: number;
  /** Book polling interval; 0 = no background polling (tests call pollOnce). Default 2 s. */
  pollIntervalMs?: number;
  timeoutMs?: number;
  slmProtectionBps?: number;
  clock?: () => number;
}

export class KotakBroker implements Broker {
  readonly name = 'kotak';
  readonly #o: KotakBrokerOptions;
  readonly #clock: () => number;
  readonly #limiter: RateLimiter;
  readonly #book: KotakBook;
  readonly #watch = new OrderWatch();
  readonly #listeners = new Set<(update: BrokerUpdate) => void>();
  readonly #terms = new Map<string, OrderTerms>();
  readonly #notices = new Map<string, string>();
  #session: KotakSession | null = null;
  /** Tokens Kotak refused: a stored session still "valid" by its date but dead at the venue. */
  readonly #dead = new Set<string>();
  #signalled = false;
  #timer: NodeJS.Timeout | null = null;
  #polling: Promise<void> | null = null;

  constructor(options: KotakBrokerOptions) {
    this.#o = options;
    this.#clock = options.clock ?? Date.now;
    this.#limiter = new RateLimiter(options.ordersPerSecond ?? 10, this.#clock);
    this.#book = new KotakBook({ timeoutMs: options.timeoutMs ?? 10_000, session: () => this.#current(), expired: () => this.#expired(), log: options.log });
  }

  async start(): Promise<void> {
    const interval = this.#o.pollIntervalMs ?? 2_000;
    if (interval <= 0) return;
    const tick = () => {
      this.#timer = setTimeout(() => {
        this.#polling = this.pollOnce().catch((error: unknown) => this.#o.log.warn('kotak: order poll failed', { error: (error as Error).message }));
        void this.#polling.then(() => { if (this.#timer !== null) tick(); });
      }, interval);
    };
    tick();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#polling;
  }

  encode(call: BrokerCall): Record<string, unknown> {
    const wire = this.#wire(call);
    return wire.ok ? { ...wire.request } : { notSent: true, code: wire.code, reason: wire.reason };
  }

  async place(request: BrokerPlaceRequest): Promise<BrokerResponse> {
    const known = this.#book.orderNo(request.clientOrderId);
    if (known) return { ok: true, brokerOrderId: known, raw: { duplicate: true, nOrdNo: known }, report: null };
    const wire = this.#wire({ action: 'PLACE', request });
    if (!wire.ok) return { ok: false, reason: wire.reason, raw: { notSent: true, code: wire.code }, report: null };
    const instrument = this.#o.instrument(request.token) as InstrumentRef;
    this.#terms.set(request.clientOrderId, { instrument, current: { ...request } });
    this.#book.expect(kotakTag(request.clientOrderId), request.clientOrderId);
    return this.#call(wire.request, wire.notice?.message ?? null, (orderNo, raw) => {
      this.#book.remember(request.clientOrderId, orderNo);
      if (wire.notice) this.#notices.set(request.clientOrderId, wire.notice.message);
      return { ok: true, brokerOrderId: orderNo, raw, report: null };
    });
  }

  async modify(request: BrokerModifyRequest): Promise<BrokerResponse> {
    const wire = this.#wire({ action: 'MODIFY', request });
    if (!wire.ok) return { ok: false, reason: wire.reason, raw: { notSent: true, code: wire.code }, report: null };
    return this.#call(wire.request, wire.notice?.message ?? null, (_orderNo, raw) => {
      const terms = this.#terms.get(request.clientOrderId);
      if (terms) this.#terms.set(request.clientOrderId, applyChanges(terms, request));
      return { ok: true, brokerOrderId: request.brokerOrderId, raw, report: null };
    });
  }

  async cancel(request: BrokerCancelRequest): Promise<BrokerResponse> {
    const wire = this.#wire({ action: 'CANCEL', request });
    if (!wire.ok) return { ok: false, reason: wire.reason, raw: { notSent: true, code: wire.code }, report: null };
    const response = await this.#call(wire.request, null, (_orderNo, raw) => ({ ok: true, brokerOrderId: request.brokerOrderId, raw, report: null }));
    if (!response.ok) return response;
    // Fills that beat the cancel belong in the same transaction as its confirmation.
    const report = await this.#book.find(request.clientOrderId, this.#ourType(request.clientOrderId)).catch(() => null);
    if (report) this.#watch.noteTrades(request.clientOrderId, report.trades.map((t) => t.tradeId));
    return { ...response, report };
  }

  async orderStatus(clientOrderId: string): Promise<BrokerOrderReport | null> {
    this.#book.expect(kotakTag(clientOrderId), clientOrderId);
    const report = await this.#book.find(clientOrderId, this.#ourType(clientOrderId));
    if (report && !this.#terms.has(clientOrderId)) {
      const terms = this.#book.termsOf(report.brokerOrderId, this.#o.instrument);
      if (terms) this.#terms.set(clientOrderId, terms);
    }
    return report;
  }

  onUpdate(listener: (update: BrokerUpdate) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** One reading of both books; pushes what changed. Exposed for tests and diagnostics. */
  async pollOnce(): Promise<void> {
    const reports = await this.#book.readAll((id) => this.#ourType(id));
    for (const report of reports) {
      const notice = this.#notices.get(report.clientOrderId) ?? null;
      const { updates, noticeUsed } = this.#watch.diff(report, notice);
      if (noticeUsed) this.#notices.delete(report.clientOrderId);
      for (const update of updates) this.#emit(update);
    }
  }

  #wire(call: BrokerCall) {
    return buildWire(call, {
      instrument: (token) => this.#o.instrument(token),
      terms: (id) => this.#terms.get(id) ?? null,
      slmProtectionBps: this.#o.slmProtectionBps,
    });
  }

  #ourType(clientOrderId: string) {
    return this.#terms.get(clientOrderId)?.current.orderType ?? null;
  }

  /** One order call: session, rate limit, POST, typed answer. */
  async #call(request: KotakRequest, notice: string | null, onOk: (orderNo: string, raw: unknown) => BrokerResponse): Promise<BrokerResponse> {
    const session = await this.#current();
    if (!session) return { ok: false, reason: SESSION_EXPIRED_MESSAGE, raw: { notSent: true, reason: 'no session' }, report: null };
    await this.#limiter.take();
    let answer: HttpAnswer;
    try {
      answer = await kotakHttp({ method: 'POST', url: `${session.baseUrl}${request.path}`, headers: sessionHeaders(session, true), body: kotakFormBody(request), timeoutMs: this.#o.timeoutMs ?? 10_000 });
    } catch (error) {
      throw new KotakOutcomeUnknown(`${(error as Error).message}; whether Kotak acted on it is unknown`, null, { cause: error });
    }
    const reading = readBody(answer);
    const raw = { status: answer.status, body: reading.kind === 'json' ? reading.value : answer.body.slice(0, 500), ...(notice ? { notice } : {}) };
    const parsed = parseKotakOrderResponse(answer);
    if (parsed.ok) return onOk(parsed.orderNo, raw);
    const error = parsed.error;
    switch (error.kind) {
      case 'session-expired':
        this.#expired();
        return { ok: false, reason: `${SESSION_EXPIRED_MESSAGE} (${error.message})`, raw, report: null };
      case 'rate-limited':
        return { ok: false, reason: `Kotak's rate limit refused the request; it was not carried out (${error.message})`, raw, report: null };
      case 'rejected':
        return { ok: false, reason: error.message, raw, report: null };
      default:
        this.#o.log.warn('kotak: answer of unknown meaning', { path: request.path, kind: error.kind, message: error.message });
        throw new KotakOutcomeUnknown(`${error.message}; whether Kotak acted on it is unknown`, error);
    }
  }

  async #current(): Promise<KotakSession | null> {
    const now = this.#clock();
    if (this.#session && this.#session.expiresAt > now) return this.#session;
    const stored = await this.#o.loadSession();
    const loaded = stored && stored.expiresAt > now && !this.#dead.has(stored.token) ? stored : null;
    // A new login: the next loss is news again.
    if (loaded) this.#signalled = false;
    this.#session = loaded;
    if (!this.#session) this.#expired();
    return this.#session;
  }

  #expired(): void {
    if (this.#session) this.#dead.add(this.#session.token);
    this.#session = null;
    if (this.#signalled) return;
    this.#signalled = true;
    this.#o.log.warn('kotak: session expired');
    try {
      this.#o.onSessionExpired(SESSION_EXPIRED_MESSAGE);
    } catch (error) {
      this.#o.log.error('kotak: onSessionExpired failed', { error: (error as Error).message });
    }
  }

  #emit(update: BrokerUpdate): void {
    for (const listener of this.#listeners) {
      try {
        listener(update);
      } catch (error) {
        this.#o.log.error('kotak: an update listener failed', { error: (error as Error).message });
      }
    }
  }
}
