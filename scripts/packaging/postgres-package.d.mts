export function postgresPackageFor(platform: string, arch: string): string;
export function postgresProgramsFor(platform: string): string[];
export function unpackedNativeDir(resourcesDir: string, pkg: string): string;
