import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

export const DEFAULT_PORT = 8717;

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'serve';
      readonly dataDir: string | undefined;
      readonly port: number;
      /** --broker: absent = paper. */
      readonly broker?: ServeBroker | undefined;
      /** --account: the account saved in Settings (default 'main'). */
      readonly account?: string | undefined;
      /** --feed: absent = simulated. */
      readonly feed?: ServeFeed | undefined;
    }
  | { readonly kind: 'db-status'; readonly dataDir: string | undefined; readonly json: boolean }
  | { readonly kind: 'db-url'; readonly dataDir: string | undefined };

export const SERVE_BROKERS = ['paper', 'kite', 'kotak'] as const;
export type ServeBroker = (typeof SERVE_BROKERS)[number];
export const SERVE_FEEDS = ['simulated', 'kite', 'kotak'] as const;
export type ServeFeed = (typeof SERVE_FEEDS)[number];

/** A mistake on the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: tickdesk <command> [options]

Commands:
  serve [--data-dir DIR] [--port N]   Run Tickdesk headless and serve it to a browser on 127.0.0.1.
        [--broker paper|kite|kotak]   Prints one line with the URL (it holds a secret token).
        [--account ID]                --port defaults to ${DEFAULT_PORT}; --port 0 picks any free port.
        [--feed simulated|kite|kotak] --broker (default paper) trades on the account saved in Settings
                                      as --account (default main); --feed kite streams Kite's ticker,
                                      --feed kotak Kotak's (needs --broker kotak: the Kotak session).
                                      Endpoints: TICKDESK_KITE_REST, TICKDESK_KITE_WS,
                                      TICKDESK_KOTAK_LOGIN_URL, TICKDESK_KOTAK_HSM (default: the brokers' own).
  db status [--data-dir DIR] [--json] Show the database state without starting anything.
  db url [--data-dir DIR]             Print a postgresql:// URL for your own tools while Tickdesk runs.
  backup create [--label L] [--data-dir DIR] [--json]
                                      Online backup while trading goes on (through the running app's
                                      server, or starting the database for the duration).
  backup list [--data-dir DIR] [--json]
                                      Completed backups, newest first, with their last verification.
  backup verify ID [--deep] [--data-dir DIR] [--json]
                                      Re-hash every file; --deep also recovers a copy on a throwaway server.
  backup restore ID [--into DIR] [--data-dir DIR] [--json]
                                      Stage a backup to replace the database at the next start (of the
                                      data folder DIR when given); the current one is kept, never deleted.
  audit verify [--data-dir DIR] [--json]
                                      Recompute the order ledger's hash chain; name the first broken link.
  export audit --from YYYY-MM-DD --to YYYY-MM-DD --out FILE [--symbol S] [--bom] [--data-dir DIR] [--json]
                                      Stream the ledger (IST days, both inclusive) to a CSV file.

Options:
  --data-dir DIR   Tickdesk's data folder. Default: $TICKDESK_HOME, else the platform's
                   data folder (~/.local/share/tickdesk; /var/lib/tickdesk when run as root).
  -h, --help       Show this help.
  -v, --version    Print the version.
`;

const dataDirOption = { 'data-dir': { type: 'string' } } as const;
const helpOption = { help: { type: 'boolean', short: 'h' } } as const;

type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

function parse(args: string[], options: ParseArgsOptionsConfig, command: string): { values: Values; positionals: string[] } {
  try {
    return parseArgs({ args, options: { ...options, ...helpOption }, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs' messages are clear ("Unknown option '--prot'"); name the command too.
    throw new UsageError(`${command}: ${(error as Error).message}`);
  }
}

function noPositionals(positionals: string[], command: string): void {
  if (positionals.length > 0) throw new UsageError(`${command}: unexpected argument '${positionals[0]}'`);
}

function dataDirOf(value: unknown, command: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${command}: --data-dir needs a folder`);
  return value;
}

export function parsePort(value: unknown): number {
  if (value === undefined) return DEFAULT_PORT;
  if (typeof value !== 'string' || !/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UsageError(`serve: --port must be a number from 0 to 65535 (0 picks a free port), not '${String(value)}'`);
  }
  return Number(value);
}

function choiceOf<T extends string>(value: unknown, choices: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`serve: --${flag} must be one of ${choices.join(', ')}, not '${String(value)}'`);
}

function accountOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > 64) throw new UsageError('serve: --account needs the account id saved in Settings (1 to 64 characters)');
  return value.trim();
}

/** Turns argv (without node and the script) into a command, or throws UsageError. */
export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('no command given');
  if (first === '-h' || first === '--help' || first === 'help') return { kind: 'help' };
  if (first === '-v' || first === '--version' || first === 'version') return { kind: 'version' };

  if (first === 'serve') {
    const { values, positionals } = parse(
      rest,
      { ...dataDirOption, port: { type: 'string', short: 'p' }, broker: { type: 'string' }, account: { type: 'string' }, feed: { type: 'string' } },
      'serve',
    );
    if (values.help) return { kind: 'help' };
    noPositionals(positionals, 'serve');
    const broker = choiceOf(values.broker, SERVE_BROKERS, 'broker');
    const account = accountOf(values.account);
    const feed = choiceOf(values.feed, SERVE_FEEDS, 'feed');
    return {
      kind: 'serve',
      dataDir: dataDirOf(values['data-dir'], 'serve'),
      port: parsePort(values.port),
      ...(broker === undefined ? {} : { broker }),
      ...(account === undefined ? {} : { account }),
      ...(feed === undefined ? {} : { feed }),
    };
  }

  if (first === 'db') {
    const [sub, ...subArgs] = rest;
    if (sub === undefined) throw new UsageError("db: name a subcommand: 'db status' or 'db url'");
    if (sub === '-h' || sub === '--help') return { kind: 'help' };
    if (sub === 'status') {
      const { values, positionals } = parse(subArgs, { ...dataDirOption, json: { type: 'boolean' } }, 'db status');
      if (values.help) return { kind: 'help' };
      noPositionals(positionals, 'db status');
      return { kind: 'db-status', dataDir: dataDirOf(values['data-dir'], 'db status'), json: values.json === true };
    }
    if (sub === 'url') {
      const { values, positionals } = parse(subArgs, dataDirOption, 'db url');
      if (values.help) return { kind: 'help' };
      noPositionals(positionals, 'db url');
      return { kind: 'db-url', dataDir: dataDirOf(values['data-dir'], 'db url') };
    }
    throw new UsageError(`db: unknown subcommand '${sub}' (try 'db status' or 'db url')`);
  }

  throw new UsageError(`unknown command '${first}'`);
}
