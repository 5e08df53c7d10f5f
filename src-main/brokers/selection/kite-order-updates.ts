/**
 * Kite pushes order updates on its ticker socket, not over REST. When the market runs on
 * the Kite feed that socket carries them; with the Kite broker on another feed, a ticker
 * socket with no instruments is opened for the updates alone, the first time the broker
 * has a session. Either way the broker subscribes here and never knows which.
 */
import type { Logger } from '../../log';
import { KiteFeed } from '../kite/adapter/kite-feed';
import type { KiteSession } from '../kite/adapter/kite-session';
import type { KiteOrderUpdate } from '../kite/text-messages';

export class KiteOrderUpdates {
  #marketFeed: KiteFeed | null = null;
  #orderFeed: KiteFeed | null = null;
  #closed = false;

  constructor(
    private readonly wsUrl: string,
    private readonly log: Logger,
  ) {}

  /** The market's Kite feed, once opened: it carries the updates from then on. */
  useMarketFeed(feed: KiteFeed): void {
    this.#marketFeed = feed;
  }

  /** Opens the order-only socket on `session` unless a ticker socket runs already. */
  ensureSocket(session: KiteSession): void {
    if (this.#marketFeed || this.#orderFeed || this.#closed) return;
    const opening = new KiteFeed({ session, wsUrl: this.wsUrl, loadInstruments: async () => [], log: this.log.child({ feed: 'kite-orders' }) });
    this.#orderFeed = opening;
    void opening.connect().catch((error: unknown) => this.log.warn('kite order-update socket could not open', { error: error instanceof Error ? error.message : String(error) }));
  }

  onOrderUpdate(listener: (update: KiteOrderUpdate) => void): () => void {
    return (this.#marketFeed ?? this.#orderFeed)?.onOrderUpdate(listener) ?? (() => {});
  }

  /** Closes the order-only socket (the market closes its own feed). */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#orderFeed?.disconnect();
    this.#orderFeed = null;
  }
}
