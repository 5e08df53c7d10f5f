/**
 * Teardown collected while something is set up: each listener registration, login
 * handler or interval hands its undo to the store, and one dispose() undoes them all,
 * newest first, so a part never outlives what it subscribed to. A teardown that throws
 * does not keep the others from running; the first error is rethrown once all ran.
 * The store is empty again afterwards, so a service that starts again reuses it.
 */
export class DisposableStore {
  #teardowns: Array<() => void> = [];

  /** Registers one undo; returns it, so `const off = store.add(source.on(...))` still works. */
  add<T extends () => void>(teardown: T): T {
    this.#teardowns.push(teardown);
    return teardown;
  }

  /** How many undos wait (diagnostics, tests). */
  get size(): number {
    return this.#teardowns.length;
  }

  /** Runs every registered undo in reverse order of registration, once. */
  dispose(): void {
    const teardowns = this.#teardowns.reverse();
    this.#teardowns = [];
    let failure: { error: unknown } | null = null;
    for (const teardown of teardowns) {
      try {
        teardown();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}
