export const ARTIFACT: RegExp;
export function sha256Of(file: string): Promise<string>;
export function writeSha256Sums(dir: string): Promise<string[]>;
