import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumSandboxArgs, electronBinary } from '../../scripts/electron-binary.mjs';

/** Where the suite finds the app and the Electron runtime (without downloading it). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const builtMain = path.join(projectRoot, 'out', 'main', 'electron-main.js');
export const binary = electronBinary(projectRoot);

export const SKIP_REASON =
  'Electron runtime binary is not installed on this machine (it cannot be downloaded here); the _electron suite needs it';

export function skipLine(): string | null {
  return binary.found ? null : `${SKIP_REASON} (${binary.reason}).`;
}

export function isBuilt(): boolean {
  return existsSync(builtMain);
}

/**
 * Arguments for Electron. As root Chromium needs --no-sandbox for its process
 * sandbox; the renderer's own `sandbox: true` (no Node, contextIsolation) stays.
 */
export function launchArgs(): string[] {
  return [...chromiumSandboxArgs(), projectRoot];
}

/** process.env without undefined values and without ELECTRON_RUN_AS_NODE. */
export function launchEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && name !== 'ELECTRON_RUN_AS_NODE') env[name] = value;
  }
  return { ...env, ...extra };
}
