import type { AuditEventRow } from '../../../../src-shared/contract/domains/audit';
import { errorMessage } from '../../format/error-message';

/**
 * The rows behind the virtualised ledger table, fetched a page at a time and
 * kept in a small LRU (a million-row ledger never sits in the renderer).
 * A page is fetched by keyset (after the previous page's last event id) when
 * that page is at hand — the cheap, usual case of scrolling — and by offset
 * only when the scrollbar was dragged somewhere no neighbour is loaded.
 */

export const PAGE_SIZE = 200;
const MAX_PAGES = 60;

export type PageCursor = { afterEventId?: number; offset?: number; limit: number };
/** Fetches one page for `query` (the filters the window was last reset with). */
export type FetchPage<Q> = (query: Q, cursor: PageCursor) => Promise<{ rows: AuditEventRow[] }>;

export class LedgerWindow<Q = undefined> {
  readonly #fetch: FetchPage<Q>;
  #query: Q | undefined;
  readonly #onChange: () => void;
  /** Insertion order is recency: the oldest entry is evicted first. */
  readonly #pages = new Map<number, AuditEventRow[]>();
  readonly #inflight = new Set<number>();
  #generation = 0;
  total = 0;
  exact = true;
  error: string | null = null;

  constructor(fetch: FetchPage<Q>, onChange: () => void) {
    this.#fetch = fetch;
    this.#onChange = onChange;
  }

  /** New filters or a refresh: forget every page (responses still in flight are ignored). */
  reset(total: number, exact: boolean, query?: Q): void {
    this.#generation += 1;
    this.#query = query;
    this.#pages.clear();
    this.#inflight.clear();
    this.total = total;
    this.exact = exact;
    this.error = null;
  }

  row(index: number): AuditEventRow | undefined {
    return this.#pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  cachedPages(): number {
    return this.#pages.size;
  }

  /** Fetches the pages holding rows [first, last], in order, so each can use the one before as its cursor. */
  async ensure(first: number, last: number): Promise<void> {
    const generation = this.#generation;
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page += 1) {
      if (generation !== this.#generation) return;
      const cached = this.#pages.get(page);
      if (cached) {
        // Touch: most recently used goes to the end.
        this.#pages.delete(page);
        this.#pages.set(page, cached);
        continue;
      }
      if (this.#inflight.has(page) || page * PAGE_SIZE >= this.total) continue;
      await this.#load(page, generation);
    }
  }

  async #load(page: number, generation: number): Promise<void> {
    this.#inflight.add(page);
    const previous = page > 0 ? this.#pages.get(page - 1) : undefined;
    const afterEventId = previous?.length === PAGE_SIZE ? previous[PAGE_SIZE - 1]?.eventId : undefined;
    try {
      const { rows } = await this.#fetch(
        this.#query as Q,
        page === 0 ? { limit: PAGE_SIZE } : afterEventId !== undefined ? { afterEventId, limit: PAGE_SIZE } : { offset: page * PAGE_SIZE, limit: PAGE_SIZE },
      );
      if (generation !== this.#generation) return;
      this.#pages.set(page, rows);
      while (this.#pages.size > MAX_PAGES) this.#pages.delete(this.#pages.keys().next().value as number);
      if (rows.length < PAGE_SIZE) {
        // The true end: the count may have been an estimate, or events were never there.
        this.total = page * PAGE_SIZE + rows.length;
      } else if (!this.exact && (page + 1) * PAGE_SIZE >= this.total) {
        // An estimate ran out before the rows did: let the table grow by a page.
        this.total += PAGE_SIZE;
      }
      this.error = null;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = errorMessage(error);
    } finally {
      if (generation === this.#generation) this.#inflight.delete(page);
    }
    this.#onChange();
  }
}
