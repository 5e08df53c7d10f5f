/**
 * Two small serialisers, for work that must not overlap inside one process: the OMS
 * orders its ledger writes with them (it is the ledger's only writer, so in-process
 * ordering is enough, with the database constraints as the backstop), the paper broker
 * its matching passes.
 */

/** Runs tasks one at a time in call order; a failed task does not stop the next. */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    this.#pending += 1;
    const run = this.#tail.then(task).finally(() => {
      this.#pending -= 1;
    });
    this.#tail = run.catch(() => undefined);
    return run;
  }

  get pending(): number {
    return this.#pending;
  }

  /** Resolves once everything queued so far has run. */
  idle(): Promise<void> {
    return this.#tail.then(() => undefined);
  }
}

/** One SerialQueue per key (an order), created on demand and dropped when idle. */
export class KeyedSerial {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const run = previous.then(task);
    const tail = run.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return run;
  }

  /** Resolves once every key's queued work has run. */
  async idle(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all([...this.#tails.values()]);
  }
}
