/**
 * The per-socket topic table. A SNAP defines a topic (id → kind, segment, token and all
 * its values); an UPDATE carries only what changed (unchanged fields come as TRASH, see
 * hsm-protocol.ts, assumption 1), so the last value of every field is kept here and a
 * tick is always built from the merged state.
 *
 * Never throws. An UPDATE for an id no SNAP defined, a SNAP of an unknown topic kind, or
 * a SNAP beyond the table's bound are counted and skipped. The bound keeps a misbehaving
 * server from growing memory without limit (a socket carries ≤ 3,000 scrips).
 */
import type { HsmEntry } from './hsm-decoder';
import { STRING_FIELD, TOPIC_FIELDS, topicKindOf, type TopicKind } from './hsm-protocol';

export interface TopicState {
  readonly id: number;
  readonly kind: TopicKind;
  readonly name: string;
  /** Kotak's exchange segment ("nse_cm"), from field 53 or else the topic name. */
  readonly segment: string;
  /** Kotak's token (pSymbol) as text, from field 52 or else the topic name. */
  readonly token: string;
  readonly tradingSymbol: string | null;
  /** Last known value per field index; null = never sent (or only TRASH). */
  readonly values: (number | null)[];
}

export type TopicProblem = 'unknown-topic' | 'unknown-kind' | 'table-full';

export interface ApplyResult {
  /** Topics the entries changed, once each, in order of first appearance. */
  touched: TopicState[];
  problems: TopicProblem[];
}

export const DEFAULT_MAX_TOPICS = 10_000;

export class TopicTable {
  readonly #topics = new Map<number, TopicState>();
  readonly #max: number;

  constructor(maxTopics = DEFAULT_MAX_TOPICS) {
    this.#max = maxTopics;
  }

  get size(): number {
    return this.#topics.size;
  }

  get(id: number): TopicState | undefined {
    return this.#topics.get(id);
  }

  /** A new socket: its topic ids mean nothing on the next one (assumption 12). */
  clear(): void {
    this.#topics.clear();
  }

  apply(entries: readonly HsmEntry[]): ApplyResult {
    const touched = new Map<number, TopicState>();
    const problems: TopicProblem[] = [];
    for (const entry of entries) {
      if (entry.kind === 'snap') {
        const topic = define(entry);
        if (typeof topic === 'string') {
          problems.push(topic);
          continue;
        }
        if (!this.#topics.has(entry.topicId) && this.#topics.size >= this.#max) {
          problems.push('table-full');
          continue;
        }
        this.#topics.set(entry.topicId, topic);
        touched.set(entry.topicId, topic);
        continue;
      }
      const topic = this.#topics.get(entry.topicId);
      if (!topic) {
        problems.push('unknown-topic');
        continue;
      }
      merge(topic.values, entry.values);
      touched.set(entry.topicId, topic);
    }
    return { touched: [...touched.values()], problems };
  }
}

function define(entry: Extract<HsmEntry, { kind: 'snap' }>): TopicState | 'unknown-kind' {
  const [prefix = '', nameSegment = '', nameToken = ''] = entry.name.split('|');
  const kind = topicKindOf(prefix);
  if (kind === null) return 'unknown-kind';
  const text = (id: number) => entry.strings.find((s) => s.id === id)?.value ?? null;
  const values = new Array<number | null>(TOPIC_FIELDS).fill(null);
  merge(values, entry.values);
  return {
    id: entry.topicId,
    kind,
    name: entry.name,
    segment: text(STRING_FIELD.SEGMENT) ?? nameSegment,
    token: text(STRING_FIELD.TOKEN) ?? nameToken,
    tradingSymbol: text(STRING_FIELD.TRADING_SYMBOL),
    values,
  };
}

/** Sent values overwrite; TRASH (null) leaves the last value; indexes past the table are ignored. */
function merge(into: (number | null)[], from: readonly (number | null)[]): void {
  const n = Math.min(from.length, TOPIC_FIELDS);
  for (let i = 0; i < n; i++) {
    const value = from[i];
    if (value !== null && value !== undefined) into[i] = value;
  }
}
