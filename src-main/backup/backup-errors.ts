import { rm } from 'node:fs/promises';
import type { Logger } from '../log';
import { CancelledError } from './file-copy';

export const diskFullMessage = 'The disk is full: the backup was not written; nothing was left behind.';

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
}

/** ENOSPC, or a quota (EDQUOT): either way the bytes did not fit. */
export function isDiskFull(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const code = codeOf(current);
    if (code === 'ENOSPC' || code === 'EDQUOT') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export function isCancelled(error: unknown): boolean {
  return error instanceof CancelledError;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A failure whose message is already the sentence the trader reads. */
export class BackupFailure extends Error {
  readonly diskFull: boolean;

  constructor(message: string, options: { cause?: unknown; diskFull?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = 'BackupFailure';
    this.diskFull = options.diskFull ?? false;
  }
}

/**
 * Removes what a failed or cancelled job wrote, then says what happened in
 * one sentence. "Nothing was left behind" is only claimed when the removal
 * worked; otherwise the sentence names the folder to delete.
 */
export async function cleanUpAfter(
  error: unknown,
  leftovers: readonly string[],
  what: { failed: string; diskFull: string },
  log: Logger,
): Promise<Error> {
  const notRemoved: string[] = [];
  for (const path of leftovers) {
    try {
      await rm(path, { recursive: true, force: true });
    } catch (cleanupError) {
      log.error('could not remove a partial backup or restore', { path, error: messageOf(cleanupError) });
      notRemoved.push(path);
    }
  }
  if (isCancelled(error) && notRemoved.length === 0) return error as Error;
  const behind = notRemoved.length === 0 ? 'nothing was left behind.' : `delete ${notRemoved.join(', ')} by hand; it is incomplete.`;
  if (isDiskFull(error)) {
    const message = notRemoved.length === 0 ? what.diskFull : what.diskFull.replace('nothing was left behind.', behind);
    return new BackupFailure(message, { cause: error, diskFull: true });
  }
  if (isCancelled(error)) return new BackupFailure(`Cancelled; ${behind}`, { cause: error });
  if (error instanceof BackupFailure) return new BackupFailure(`${error.message.replace(/\.$/, '')}; ${behind}`, { cause: error, diskFull: error.diskFull });
  return new BackupFailure(`${what.failed} (${messageOf(error)}); ${behind}`, { cause: error });
}
