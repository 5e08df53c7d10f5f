import { z } from 'zod';

// zod decides once, when the first object schema is built, whether to compile
// parsers with new Function(); the strict CSP forbids eval, so that probe is a
// CSP violation on every load. This module is main.tsx's first import so the
// setting is in place before any contract schema is constructed.
z.config({ jitless: true });
