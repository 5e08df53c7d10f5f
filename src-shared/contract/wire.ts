import { z } from 'zod';
import { errorEnvelopeSchema } from './errors';

/**
 * Frames of the browser-mode WebSocket. The Electron preload carries the same
 * call/outcome shapes over ipcRenderer.invoke, so both transports share them.
 */
export const callFrameSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(128),
  args: z.unknown(),
});
export type CallFrame = z.infer<typeof callFrameSchema>;

export const callOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: errorEnvelopeSchema }),
]);
export type CallOutcome = z.infer<typeof callOutcomeSchema>;

export const resultFrameSchema = z.intersection(
  z.object({ type: z.literal('result'), id: z.number().int().nonnegative() }),
  callOutcomeSchema,
);
export type ResultFrame = z.infer<typeof resultFrameSchema>;

export const eventFrameSchema = z.object({
  type: z.literal('event'),
  event: z.string(),
  payload: z.unknown(),
});
export type EventFrame = z.infer<typeof eventFrameSchema>;

export const serverFrameSchema = z.union([resultFrameSchema, eventFrameSchema]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

/** Largest frame either side accepts; a trading call is tiny, a flood is an attack. */
export const MAX_FRAME_BYTES = 1024 * 1024;
