import { fileURLToPath } from 'node:url';
import { version } from '../../package.json';
import { resolveDataDir } from '../config';
import { parseCommand, UsageError, USAGE } from './args';
import { parseAuditCommand, runAuditCommand } from './audit-commands';
import { parseBackupCommand } from './backup-args';
import { runBackupCommand } from './backup-commands';
import { runDbStatus, runDbUrl } from './db-commands';
import { processIo, runServe } from './serve';

/**
 * The built renderer sits next to this bundle: out/main/cli.js → out/renderer/.
 * Computed here, in the entry module, because a shared chunk would resolve
 * import.meta.url from another folder.
 */
function staticDir(env: NodeJS.ProcessEnv): string {
  const override = env.TICKDESK_STATIC_DIR;
  return override !== undefined && override.trim() !== '' ? override : fileURLToPath(new URL('../renderer/', import.meta.url));
}

async function main(argv: readonly string[]): Promise<void> {
  const io = processIo;
  let command;
  try {
    command = parseBackupCommand(argv) ?? parseAuditCommand(argv) ?? parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`tickdesk: ${error.message}\n\n${USAGE.trimEnd()}`);
    return io.exit(2);
  }

  const env = process.env;
  switch (command.kind) {
    case 'help':
      io.out(USAGE.trimEnd());
      return;
    case 'version':
      io.out(version);
      return;
    case 'serve':
      await runServe({
        dataDir: resolveDataDir({ cliDataDir: command.dataDir, env }),
        port: command.port,
        staticDir: staticDir(env),
        appVersion: version,
        broker: command.broker,
        account: command.account,
        feed: command.feed,
      });
      return;
    case 'db-status':
      await runDbStatus({ dataDir: resolveDataDir({ cliDataDir: command.dataDir, env }), json: command.json });
      return;
    case 'audit-verify':
    case 'export-audit':
      await runAuditCommand(command, resolveDataDir({ cliDataDir: command.dataDir, env }), io);
      return;
    case 'backup':
      await runBackupCommand(command, resolveDataDir({ cliDataDir: command.dataDir, env }));
      return;
    case 'db-url':
      await runDbUrl({ dataDir: resolveDataDir({ cliDataDir: command.dataDir, env }) });
      return;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`Tickdesk: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
