/**
 * Spies on the process-level failure events for the length of a fuzz suite:
 * a handler that forgets to await (or a socket callback that throws) shows up
 * here rather than as a passing test, since dispatch's own try/catch cannot
 * see it.
 */
export interface ProcessWatch {
  readonly unhandled: unknown[];
  readonly uncaught: unknown[];
  stop(): void;
}

export function watchProcess(): ProcessWatch {
  const unhandled: unknown[] = [];
  const uncaught: unknown[] = [];
  const onRejection = (reason: unknown) => unhandled.push(reason);
  const onException = (error: unknown) => uncaught.push(error);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    unhandled,
    uncaught,
    stop() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

/** Keys on Object.prototype now; compared before and after a storm of "__proto__" keys. */
export function prototypeKeys(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).sort();
}

/** True when a plain new object has picked up a property it should not have. */
export function prototypePolluted(): boolean {
  const probe: Record<string, unknown> = {};
  return probe.polluted !== undefined || Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted');
}
