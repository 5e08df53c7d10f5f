import { lstat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { sendFile } from './static-paths';
import { EXPORT_FILE_PATTERN } from '../audit/export-jobs';

/**
 * GET /exports/<name> in browser mode: a finished CSV export, as an
 * attachment. Only behind the server's token gate (the caller checks it), only
 * names exportFileName() can make (so no path, no dot-dot, no .partial file),
 * only regular files (no symlink out of the folder).
 */

export const EXPORTS_ROUTE = '/exports/';

export async function serveExportFile(
  exportsDir: string | undefined,
  pathname: string,
  res: ServerResponse,
  options: { headOnly: boolean; headers: Record<string, string> },
): Promise<'served' | 'not-found'> {
  let name: string;
  try {
    name = decodeURIComponent(pathname.slice(EXPORTS_ROUTE.length));
  } catch {
    return 'not-found';
  }
  if (exportsDir === undefined || !EXPORT_FILE_PATTERN.test(name)) return 'not-found';
  const file = join(exportsDir, name);
  let size: number;
  try {
    const info = await lstat(file);
    if (!info.isFile()) return 'not-found';
    size = info.size;
  } catch {
    return 'not-found';
  }
  return sendFile(
    res,
    file,
    {
      ...options.headers,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Length': String(size),
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    },
    options.headOnly,
  );
}
