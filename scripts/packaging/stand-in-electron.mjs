import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A stand-in for Electron's Linux distribution (the folder the electron zip
 * unpacks to), for building the packaged layout on machines that cannot
 * download Electron. Every file is a PLACEHOLDER with the real name: the
 * `electron` executable is a shell script that exits 1, carrying only the
 * fuse wire (sentinel, version, length, states) that @electron/fuses looks
 * for, set to Electron's defaults, so the fuse step runs for real on it.
 * It proves the layout and the build steps, never that the app starts.
 */

/** Electron's fuse-wire sentinel, as @electron/fuses searches for it. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Wire version 1; eight fuses at Electron's defaults ('1' on, '0' off), in FuseV1Options order. */
const DEFAULT_WIRE = '10110001';

/** The top level of the real electron-v<version>-linux-<arch>.zip, less the fonts and GPU libraries' contents. */
const PLACEHOLDER_FILES = [
  'LICENSE',
  'LICENSES.chromium.html',
  'chrome_100_percent.pak',
  'chrome_200_percent.pak',
  'icudtl.dat',
  'resources.pak',
  'snapshot_blob.bin',
  'v8_context_snapshot.bin',
  'libEGL.so',
  'libGLESv2.so',
  'libffmpeg.so',
  'libvk_swiftshader.so',
  'libvulkan.so.1',
  'vk_swiftshader_icd.json',
  'locales/en-US.pak',
];
const PLACEHOLDER_PROGRAMS = ['chrome-sandbox', 'chrome_crashpad_handler'];

/**
 * @param {string} dir an empty folder to fill
 * @param {string} version the Electron version the package claims (node_modules/electron)
 */
export async function createStandInElectron(dir, version) {
  await mkdir(path.join(dir, 'locales'), { recursive: true });
  await mkdir(path.join(dir, 'resources'), { recursive: true });
  for (const name of PLACEHOLDER_FILES) await writeFile(path.join(dir, name), `placeholder for Electron ${version}'s ${name}\n`);
  for (const name of PLACEHOLDER_PROGRAMS) {
    await writeFile(path.join(dir, name), `#!/bin/sh\necho "placeholder for Electron's ${name}" >&2\nexit 1\n`);
    await chmod(path.join(dir, name), 0o755);
  }
  await writeFile(path.join(dir, 'version'), version);
  const script = `#!/bin/sh\necho "placeholder for the Electron ${version} binary: this package was built against a stand-in and cannot run" >&2\nexit 1\n`;
  const wire = Buffer.concat([
    Buffer.from(`${script}# `, 'utf8'),
    Buffer.from(FUSE_SENTINEL, 'ascii'),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE, 'ascii'),
    Buffer.from('\n', 'ascii'),
  ]);
  await writeFile(path.join(dir, 'electron'), wire);
  await chmod(path.join(dir, 'electron'), 0o755);
}
