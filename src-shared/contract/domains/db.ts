import { z } from 'zod';
import { dbStatusSchema } from '../../domain/db-status';
import { defineEvents, defineMethods } from '../define';

export const dbMethods = defineMethods({
  'db.status': {
    args: z.object({}).strict(),
    result: dbStatusSchema,
    summary: 'State of the supervised PostgreSQL server.',
  },
});

export const dbEvents = defineEvents({
  /** Pushed on every change of the server's state. */
  'db.status': dbStatusSchema,
});
