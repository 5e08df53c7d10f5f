/**
 * The layer allow-list proved through the project's real ESLint configuration: small
 * in-memory files, placed where they would sit in src-main/, are linted as `npm run lint`
 * would lint them. A wrong import must fail with the layer rule; an allowed one must pass.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
let eslint: ESLint;

// The first lint loads the whole configuration (typescript-eslint, plugins): several seconds
// on a loaded machine, so it is paid once here rather than inside the first case's timeout.
beforeAll(async () => {
  eslint = new ESLint({ cwd: repo });
  await eslint.lintText('export {};\n', { filePath: join(repo, 'src-main/market/warm-up.ts') });
}, 60_000);

/** The layer rule's messages for `code` linted as the file at `file` (relative to the repo). */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repo, file) });
  if (!result) throw new Error('ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`the snippet did not parse: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages.filter((m) => m.ruleId === 'tickdesk/core-layers').map((m) => m.message);
}

const uses = (spec: string) => `import { thing } from '${spec}';\nexport const used = thing;\n`;
const usesType = (spec: string) => `import type { Thing } from '${spec}';\nexport type Used = Thing;\n`;

describe('the core layer rule refuses a wrong import', () => {
  it('market → brokers (a domain reaching for an adapter)', async () => {
    const errors = await layerErrors('src-main/market/service/snippet.ts', uses('../../brokers/simulated/simulated-feed'));
    expect(errors).toEqual([expect.stringContaining('market/ may not import brokers/')]);
  });

  it('market → brokers by a type-only import too', async () => {
    expect(await layerErrors('src-main/market/snippet.ts', usesType('../brokers/selection/feed-factory'))).toHaveLength(1);
  });

  it('oms → brokers (the OMS building its own broker)', async () => {
    expect(await layerErrors('src-main/oms/service/snippet.ts', uses('../../brokers/paper/paper-broker'))).toEqual([
      expect.stringContaining('oms/ may not import brokers/'),
    ]);
  });

  it('db → audit and db → backup (the bottom reaching up)', async () => {
    expect(await layerErrors('src-main/db/snippet.ts', uses('../audit/verify-chain'))).toEqual([expect.stringContaining('db/ may not import audit/')]);
    expect(await layerErrors('src-main/db/snippet.ts', `export const load = () => import('../backup/apply-restore');\n`)).toEqual([
      expect.stringContaining('db/ may not import backup/'),
    ]);
  });

  it('audit → backup (peers on db do not import one another)', async () => {
    expect(await layerErrors('src-main/audit/snippet.ts', uses('../backup/layout'))).toEqual([expect.stringContaining('audit/ may not import backup/')]);
  });

  it('the root (log.ts) → secrets', async () => {
    expect(await layerErrors('src-main/log.ts', uses('./secrets/secret-store'))).toEqual([expect.stringContaining('may not import secrets/')]);
  });

  it('api → core.ts and brokers → api (handlers and adapters stay below the composition root)', async () => {
    expect(await layerErrors('src-main/api/snippet.ts', uses('../core'))).toEqual([expect.stringContaining('api/ may not import core/')]);
    expect(await layerErrors('src-main/brokers/snippet.ts', uses('../api/registry'))).toEqual([expect.stringContaining('brokers/ may not import api/')]);
  });

  it('production code → testing/', async () => {
    for (const [file, spec] of [
      ['src-main/oms/service/snippet.ts', '../../testing/kits/oms'],
      ['src-main/brokers/kite/adapter/snippet.ts', '../../../testing/venues/kite/server'],
      ['src-main/core.ts', './testing/fakes/quote-source'],
      ['src-main/cli/snippet.ts', '../testing/kits/database'],
    ] as const) {
      expect(await layerErrors(file, uses(spec)), file).toEqual([expect.stringContaining('test code (src-main/testing/)')]);
    }
  });

  it('a test still may not reach above its folder except for testing/ and an adapter', async () => {
    expect(await layerErrors('src-main/db/snippet.int.test.ts', uses('../api/registry'))).toEqual([expect.stringContaining('db/ may not import api/')]);
    expect(await layerErrors('src-main/market/snippet.test.ts', uses('../core'))).toEqual([expect.stringContaining('market/ may not import core/')]);
  });

  it('a folder missing from the layer map', async () => {
    expect(await layerErrors('src-main/depth/snippet.ts', uses('../db/service'))).toEqual([expect.stringContaining('src-main/depth/ is not in the layer map')]);
  });
});

describe('the core layer rule lets an allowed import pass', () => {
  it.each([
    ['src-main/market/service/snippet.ts', '../../db/service'],
    ['src-main/market/service/snippet.ts', '../feed-port'],
    ['src-main/oms/service/snippet.ts', '../../market/service/market-service'],
    ['src-main/oms/service/snippet.ts', '../../util/serial'],
    ['src-main/brokers/paper/snippet.ts', '../../oms/broker-port'],
    ['src-main/brokers/paper/snippet.ts', '../../db/app-transaction'],
    ['src-main/brokers/kite/adapter/snippet.ts', '../../../market/feed-port'],
    ['src-main/maintenance/snippet.ts', '../market/partition-plan'],
    ['src-main/maintenance/snippet.ts', '../dbadmin/sql-values'],
    ['src-main/api/snippet.ts', '../brokers/selection/broker-selection'],
    ['src-main/core.ts', './api/registry'],
    ['src-main/cli/snippet.ts', '../core'],
    ['src-main/cli/snippet.ts', '../server/auth-audit'],
    ['src-main/log.ts', './redact'],
    ['src-main/util/snippet.ts', '../events'],
  ] as const)('%s → %s', async (file, spec) => {
    expect(await layerErrors(file, uses(spec))).toEqual([]);
  });

  it('tests, benches and testing/ itself use testing/', async () => {
    expect(await layerErrors('src-main/oms/service/snippet.int.test.ts', uses('../../testing/kits/oms'))).toEqual([]);
    expect(await layerErrors('src-main/bench/snippet.ts', uses('../testing/kits/oms'))).toEqual([]);
    expect(await layerErrors('src-main/testing/kits/snippet.ts', uses('../../brokers/paper/paper-broker'))).toEqual([]);
  });

  it('a test drives its port with a real adapter', async () => {
    expect(await layerErrors('src-main/oms/service/snippet.int.test.ts', uses('../../brokers/paper/paper-broker'))).toEqual([]);
  });

  it('the root tests of the whole core use it', async () => {
    expect(await layerErrors('src-main/core-snippet.int.test.ts', uses('./core'))).toEqual([]);
  });
});
