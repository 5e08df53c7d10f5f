import { z } from 'zod';

/**
 * Free text that ends up in PostgreSQL text or JSON(B) columns. PostgreSQL text cannot
 * hold NUL, and its JSON parser refuses an unpaired UTF-16 surrogate ("\udacf" is what
 * JSON.stringify writes for one). Both were found by fuzzing the contract: refusing them
 * at the boundary gives the caller a VALIDATION answer instead of a failed write.
 * With the `u` flag a well-formed surrogate pair is one code point (not \p{Cs}), so emoji pass.
 */
export const STORABLE_TEXT = /^[^\0\p{Cs}]*$/u;

export function storableText(what = 'text') {
  return z.string().regex(STORABLE_TEXT, `${what} must not contain NUL characters or broken Unicode`);
}
