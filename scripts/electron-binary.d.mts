/** Types for electron-binary.mjs, so TypeScript (tests, e2e) can import it. */

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

export interface BinaryFs {
  isFile(file: string): boolean;
  readText(file: string): string | null;
}

export function findElectronBinary(options: {
  electronDir: string | null;
  env?: Record<string, string | undefined>;
  fs?: BinaryFs;
}): ElectronBinary;

export function locateElectronPackage(projectDir: string): string | null;

export function electronBinary(projectDir: string, env?: Record<string, string | undefined>): ElectronBinary;

export function chromiumSandboxArgs(uid?: number): string[];
