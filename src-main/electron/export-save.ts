import { basename } from 'node:path';
import type { EventName } from '../../src-shared/contract';
import { exportProgressSchema } from '../../src-shared/contract/domains/audit';
import type { Logger } from '../log';

/**
 * In the desktop app a finished audit export is offered through a save
 * dialog (browser mode downloads it instead). The export itself was written
 * to the data folder first, so a cancelled dialog loses nothing: the file
 * stays there and the renderer shows its path. Electron is injected (type
 * only) so this is tested without a binary.
 */
export interface ExportSaveDeps {
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
  /** dialog.showSaveDialog bound to the main window; resolves to the chosen path or null. */
  askPath(defaultName: string): Promise<string | null>;
  copyFile(from: string, to: string): Promise<void>;
  log: Logger;
}

export function offerExportSave(deps: ExportSaveDeps): () => void {
  const offered = new Set<string>();
  return deps.onEvent((event, payload) => {
    if (event !== 'audit.exportProgress') return;
    const parsed = exportProgressSchema.safeParse(payload);
    if (!parsed.success) return;
    const progress = parsed.data;
    if (progress.state !== 'done' || !progress.path || offered.has(progress.exportId)) return;
    offered.add(progress.exportId);
    const source = progress.path;
    void (async () => {
      const target = await deps.askPath(basename(progress.fileName));
      if (!target) return;
      await deps.copyFile(source, target);
      deps.log.info('audit export saved', { target, sha256: progress.sha256 });
    })().catch((error: unknown) =>
      deps.log.error('the audit export could not be saved where asked; it stays in the data folder', { source, error: String(error) }),
    );
  });
}
