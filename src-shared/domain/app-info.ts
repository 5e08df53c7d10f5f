import { z } from 'zod';

export const appInfoSchema = z.object({
  name: z.literal('Tickdesk'),
  version: z.string(),
  /** 'electron' when the window is Electron's, 'browser' for `tickdesk serve`. */
  mode: z.enum(['electron', 'browser']),
  /** ISO UTC server time, so the renderer can correct its clock skew. */
  serverTime: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;
