export function packCheckDir(env?: Record<string, string | undefined>): string;
