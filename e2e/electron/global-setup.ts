import { builtMain, isBuilt, skipLine } from './electron-env';

/**
 * Says plainly, in the run's output, why the suite is skipped; reporters only
 * show a skipped test's title. Where Electron exists the app must be built.
 */
export default function globalSetup(): void {
  const skipped = skipLine();
  if (skipped !== null) {
    console.log(`\n[e2e/electron] SKIPPED: ${skipped}\n`);
    return;
  }
  if (!isBuilt()) {
    throw new Error(`${builtMain} is missing: run \`npm run build\` before the Electron suite.`);
  }
}
