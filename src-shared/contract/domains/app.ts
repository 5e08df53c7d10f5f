import { z } from 'zod';
import { appInfoSchema } from '../../domain/app-info';
import { diagnosticsSchema } from '../../domain/diagnostics';
import { defineMethods } from '../define';

export const appMethods = defineMethods({
  'app.info': {
    args: z.object({}).strict(),
    result: appInfoSchema,
    summary: 'Name, version and mode of the running terminal.',
  },
  'app.diagnostics': {
    args: z.object({}).strict(),
    result: diagnosticsSchema,
    summary: 'Versions, OS, data folder, log file, database state and the last log lines, secrets masked, for a support request.',
  },
});
