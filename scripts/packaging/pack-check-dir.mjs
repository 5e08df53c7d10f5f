import os from 'node:os';
import path from 'node:path';

/** Where `npm run test:package` builds the packaged folder (TICKDESK_PACK_DIR overrides). */
export function packCheckDir(env = process.env) {
  return env.TICKDESK_PACK_DIR ? path.resolve(env.TICKDESK_PACK_DIR) : path.join(os.tmpdir(), 'tickdesk-package-check');
}
