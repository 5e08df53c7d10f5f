/**
 * The log file's bounded queue: lines waiting for the next append. Past
 * maxBytes the oldest lines go, counted, and the next chunk starts with a
 * line saying how many, so a stalled disk never grows memory without bound.
 */
export class LogQueue {
  #lines: string[] = [];
  #bytes = 0;
  #dropped = 0;

  constructor(private readonly maxBytes: number) {}

  get empty(): boolean {
    return this.#lines.length === 0 && this.#dropped === 0;
  }

  push(line: string): void {
    this.#lines.push(line);
    this.#bytes += Buffer.byteLength(line) + 1;
    while (this.#bytes > this.maxBytes && this.#lines.length > 1) {
      this.#bytes -= Buffer.byteLength(this.#lines.shift() ?? '') + 1;
      this.#dropped++;
    }
  }

  /** Everything queued as one newline-terminated chunk ('' when empty), and the queue emptied. */
  take(now = new Date()): string {
    const lines = this.#lines;
    if (this.#dropped > 0) {
      lines.unshift(JSON.stringify({ t: now.toISOString(), level: 'warn', msg: 'log lines dropped while the disk was slow', count: this.#dropped }));
      this.#dropped = 0;
    }
    this.#lines = [];
    this.#bytes = 0;
    return lines.length > 0 ? `${lines.join('\n')}\n` : '';
  }
}
