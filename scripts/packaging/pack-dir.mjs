#!/usr/bin/env node
/**
 * `npm run test:package`, step 1: builds the packaged app folder
 * (`electron-builder --dir`) against a stand-in Electron distribution, since
 * these machines cannot download Electron, and writes pack.json describing
 * it for the layout test (scripts/packaging/package-layout.test.ts).
 *
 *   node scripts/packaging/pack-dir.mjs      (TICKDESK_PACK_DIR=DIR to choose where)
 *
 * Linux only: on Windows electron-builder edits the .exe's resources (rcedit)
 * and on macOS it needs a real Electron.app, neither of which a placeholder
 * can be; there it writes pack.json with the reason and the test skips.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStandInElectron } from './stand-in-electron.mjs';
import { packCheckDir } from './pack-check-dir.mjs';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outRoot = packCheckDir();
const manifest = path.join(outRoot, 'pack.json');

async function main() {
  // Emptied before each run, so it must be ours: new, empty, or holding an earlier pack.json.
  if (existsSync(outRoot) && readdirSync(outRoot).length > 0 && !existsSync(manifest)) {
    console.error(`[package] ${outRoot} is not empty and holds no pack.json; refusing to empty it (choose another TICKDESK_PACK_DIR).`);
    return 1;
  }
  await rm(outRoot, { recursive: true, force: true });
  await mkdir(outRoot, { recursive: true });
  // As root PostgreSQL runs as the postgres user, which must reach the unpacked binaries.
  await chmod(outRoot, 0o755);

  if (process.platform !== 'linux') {
    const reason = `the stand-in Electron check builds the Linux layout on Linux only (this is ${process.platform}); CI runs it`;
    await writeFile(manifest, JSON.stringify({ skipped: reason }, null, 2));
    console.log(`[package] SKIPPED: ${reason}.`);
    return 0;
  }
  if (!existsSync(path.join(projectDir, 'out', 'main', 'electron-main.js'))) {
    console.error('[package] out/ is not built: run `npm run build` first.');
    return 1;
  }

  const electronVersion = JSON.parse(await readFile(path.join(projectDir, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const standIn = path.join(outRoot, 'electron-stand-in');
  await createStandInElectron(standIn, electronVersion);
  const distDir = path.join(outRoot, 'dist');
  const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
  console.log(`[package] electron-builder --dir for linux-${arch} against a stand-in Electron ${electronVersion} (placeholder binary) in ${outRoot}`);
  const started = performance.now();
  const code = await run(process.execPath, [
    path.join(projectDir, 'node_modules', 'electron-builder', 'cli.js'),
    '--dir',
    '--linux',
    `--${arch}`,
    '--publish',
    'never',
    `-c.electronDist=${standIn}`,
    `-c.directories.output=${distDir}`,
  ]);
  if (code !== 0) return code;
  const appOutDir = path.join(distDir, arch === 'x64' ? 'linux-unpacked' : `linux-${arch}-unpacked`);
  await writeFile(
    manifest,
    JSON.stringify({ platform: 'linux', arch, electronVersion, standIn: true, appOutDir, resourcesDir: path.join(appOutDir, 'resources'), executable: path.join(appOutDir, 'tickdesk') }, null, 2),
  );
  console.log(`[package] packaged folder ${appOutDir} in ${Math.round((performance.now() - started) / 100) / 10} s`);
  return 0;
}

function run(/** @type {string} */ command, /** @type {string[]} */ args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: projectDir, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`[package] could not run electron-builder: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (exitCode) => resolve(exitCode ?? 1));
  });
}

process.exitCode = await main();
