import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Where `npm run test:package` builds the packaged folder: one per checkout
 * (two checkouts on one machine must not share it); TICKDESK_PACK_DIR overrides.
 */
export function packCheckDir(env = process.env) {
  if (env.TICKDESK_PACK_DIR) return path.resolve(env.TICKDESK_PACK_DIR);
  const checkout = createHash('sha256').update(projectDir).digest('hex').slice(0, 10);
  return path.join(os.tmpdir(), `tickdesk-package-check-${checkout}`);
}
