export interface FuseSettings {
  runAsNode: boolean;
  enableCookieEncryption: boolean;
  enableNodeOptionsEnvironmentVariable: boolean;
  enableNodeCliInspectArguments: boolean;
  enableEmbeddedAsarIntegrityValidation: boolean;
  onlyLoadAppFromAsar: boolean;
}
export function fuseSettingsFor(platform: string): FuseSettings;
export function fuseWireFor(FuseV1Options: Record<string, number | string>, platform: string): Record<number, boolean>;
