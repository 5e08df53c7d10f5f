import { z } from 'zod';
import { appInfoSchema } from '../../domain/app-info';
import { defineMethods } from '../define';

export const appMethods = defineMethods({
  'app.info': {
    args: z.object({}).strict(),
    result: appInfoSchema,
    summary: 'Name, version and mode of the running terminal.',
  },
});
