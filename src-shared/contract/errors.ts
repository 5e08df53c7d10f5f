import { z } from 'zod';

/**
 * Errors cross every process boundary as this envelope, never as a raw Error:
 * a stack trace or driver message must not leak into the renderer unasked.
 */
export const errorCodes = [
  'VALIDATION',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'UNAVAILABLE',
  'CONFLICT',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorEnvelopeSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** Thrown by handlers (and rethrown by the client) to carry an envelope. */
export class ContractError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ContractError';
    this.code = code;
    this.details = details;
  }

  toEnvelope(): ErrorEnvelope {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromEnvelope(envelope: ErrorEnvelope): ContractError {
    return new ContractError(envelope.code, envelope.message, envelope.details);
  }
}

/** Turns anything thrown into an envelope; unknown errors become INTERNAL. */
export function toErrorEnvelope(error: unknown): ErrorEnvelope {
  if (error instanceof ContractError) return error.toEnvelope();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}
