#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumSandboxArgs, electronBinary, locateElectronPackage } from './electron-binary.mjs';

/**
 * `npm start`: build, then open the Electron window. Electron's package
 * downloads its runtime lazily: where it is missing, one download is tried
 * (one line says so); where that fails, one line says why and browser mode
 * (`tickdesk serve`) starts instead.
 *
 *   npm start [-- --no-build] [--browser] [--data-dir DIR] [--port N]
 *
 * --no-build skips `electron-vite build`; --browser starts browser mode even
 * where Electron exists. Everything else goes to the app.
 */

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ownFlags = new Set(['--no-build', '--browser']);
const argv = process.argv.slice(2);
const appArgs = argv.filter((arg) => !ownFlags.has(arg));

/**
 * Runs a child with inherited stdio, passing SIGINT/SIGTERM/SIGHUP on so a
 * Ctrl-C or a `kill` reaches it (it may get a terminal's SIGINT twice; the
 * app treats a repeated quit as one). Resolves with the exit code to use.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<number>}
 */
function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    /** @type {Array<[NodeJS.Signals, () => void]>} */
    const forwarders = ['SIGINT', 'SIGTERM', 'SIGHUP'].map((signal) => {
      const forward = () => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      };
      process.on(signal, forward);
      return [signal, forward];
    });
    const done = (/** @type {number} */ code) => {
      for (const [signal, forward] of forwarders) process.off(signal, forward);
      resolve(code);
    };
    child.on('error', (error) => {
      console.error(`tickdesk: could not run ${path.basename(command)}: ${error.message}`);
      done(1);
    });
    child.on('exit', (code, signal) => done(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 1)));
  });
}

async function build() {
  const require = createRequire(path.join(projectDir, 'package.json'));
  const pkg = require.resolve('electron-vite/package.json');
  const cli = path.join(path.dirname(pkg), 'bin', 'electron-vite.js');
  return run(process.execPath, [cli, 'build']);
}

/**
 * Runs node_modules/electron/install.js (the download electron's package
 * would do at its first use), quietly: its failure is a long stack, of which
 * the first line says why. Resolves with that line, or null on success.
 * @returns {Promise<string | null>}
 */
function downloadElectron() {
  const dir = locateElectronPackage(projectDir);
  if (dir === null || process.env.ELECTRON_OVERRIDE_DIST_PATH) return Promise.resolve('the electron package is not installed');
  console.error("Electron's runtime is not installed yet; downloading it once (node_modules/electron/install.js)…");
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(dir, 'install.js')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', (error) => resolve(error.message));
    child.on('exit', (code) => resolve(code === 0 ? null : (stderr.split('\n').find((line) => line.trim() !== '')?.trim() ?? `exit ${code}`)));
  });
}

async function main() {
  if (!argv.includes('--no-build')) {
    const code = await build();
    if (code !== 0) {
      console.error(`tickdesk: the build failed (exit ${code}); nothing was started.`);
      return code;
    }
  }

  let binary = argv.includes('--browser') ? null : electronBinary(projectDir);
  if (binary && !binary.found) {
    const failure = await downloadElectron();
    binary = failure === null ? electronBinary(projectDir) : { found: false, reason: failure };
  }
  if (binary?.found) {
    const env = { ...process.env };
    // Inherited from a tool that runs Electron as Node, it would turn the app into a script.
    delete env.ELECTRON_RUN_AS_NODE;
    return run(binary.path, [...chromiumSandboxArgs(), projectDir, ...appArgs], env);
  }
  if (binary) {
    console.error(
      `Electron's runtime is not installed on this machine (it could not be downloaded: ${binary.reason}); starting browser mode instead.`,
    );
  }

  const cli = path.join(projectDir, 'out', 'main', 'cli.js');
  if (!existsSync(cli)) {
    console.error(`tickdesk: ${path.relative(process.cwd(), cli) || cli} is missing; run npm start without --no-build (or npm run build) first.`);
    return 1;
  }
  return run(process.execPath, [cli, 'serve', ...appArgs]);
}

process.exitCode = await main();
