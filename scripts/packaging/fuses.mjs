/**
 * The Electron fuses Tickdesk ships with, per Electron's security checklist:
 * the packaged binary cannot be turned into a plain Node (ELECTRON_RUN_AS_NODE,
 * NODE_OPTIONS, --inspect), cookies are encrypted at rest, and the app is
 * loaded only from app.asar, whose integrity Electron checks on the platforms
 * that support it (macOS and Windows; Linux has no embedded asar integrity).
 */

/**
 * @param {string} platform electron-builder's electronPlatformName: darwin, mas, win32, linux
 * @returns {{ runAsNode: boolean, enableCookieEncryption: boolean, enableNodeOptionsEnvironmentVariable: boolean,
 *   enableNodeCliInspectArguments: boolean, enableEmbeddedAsarIntegrityValidation: boolean, onlyLoadAppFromAsar: boolean }}
 */
export function fuseSettingsFor(platform) {
  const asarIntegrity = platform === 'darwin' || platform === 'mas' || platform === 'win32';
  return {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: asarIntegrity,
    onlyLoadAppFromAsar: true,
  };
}

/**
 * The same settings as @electron/fuses' FuseV1 config (index → enabled).
 * @param {Record<string, number | string>} FuseV1Options the enum from @electron/fuses
 * @param {string} platform
 * @returns {Record<number, boolean>}
 */
export function fuseWireFor(FuseV1Options, platform) {
  const s = fuseSettingsFor(platform);
  return {
    [Number(FuseV1Options.RunAsNode)]: s.runAsNode,
    [Number(FuseV1Options.EnableCookieEncryption)]: s.enableCookieEncryption,
    [Number(FuseV1Options.EnableNodeOptionsEnvironmentVariable)]: s.enableNodeOptionsEnvironmentVariable,
    [Number(FuseV1Options.EnableNodeCliInspectArguments)]: s.enableNodeCliInspectArguments,
    [Number(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)]: s.enableEmbeddedAsarIntegrityValidation,
    [Number(FuseV1Options.OnlyLoadAppFromAsar)]: s.onlyLoadAppFromAsar,
  };
}
