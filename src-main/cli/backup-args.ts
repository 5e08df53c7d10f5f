import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { backupIdSchema, backupLabelSchema } from '../../src-shared/contract/domains/backup';
import { UsageError } from './args';

export type BackupAction =
  | { readonly action: 'create'; readonly label: string; readonly json: boolean }
  | { readonly action: 'list'; readonly json: boolean }
  | { readonly action: 'verify'; readonly id: string; readonly deep: boolean; readonly json: boolean }
  | { readonly action: 'restore'; readonly id: string; readonly into: string | undefined; readonly json: boolean };

export type BackupCommand = { readonly kind: 'backup'; readonly dataDir: string | undefined } & BackupAction;

const common = { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

function parse(args: string[], options: ParseArgsOptionsConfig, command: string): { values: Values; positionals: string[] } {
  try {
    return parseArgs({ args, options: { ...common, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message}`);
  }
}

function text(value: unknown, option: string, command: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${command}: ${option} needs a value`);
  return value;
}

function backupId(positionals: string[], command: string): string {
  const [id, extra] = positionals;
  if (id === undefined) throw new UsageError(`${command}: name the backup (its ID from 'tickdesk backup list')`);
  if (extra !== undefined) throw new UsageError(`${command}: unexpected argument '${extra}'`);
  if (!backupIdSchema.safeParse(id).success) throw new UsageError(`${command}: '${id}' is not a backup ID (e.g. 20261120T093015Z-manual)`);
  return id;
}

/**
 * `tickdesk backup …`; null when argv is another command. Kept apart from
 * args.ts so the backup commands grow without touching the shared parser.
 */
export function parseBackupCommand(argv: readonly string[]): BackupCommand | { readonly kind: 'help' } | null {
  const [first, sub, ...rest] = argv;
  if (first !== 'backup') return null;
  if (sub === undefined) throw new UsageError("backup: name a subcommand: 'create', 'list', 'verify' or 'restore'");
  if (sub === '-h' || sub === '--help') return { kind: 'help' };
  const command = `backup ${sub}`;
  if (sub === 'create') {
    const { values, positionals } = parse(rest, { label: { type: 'string' } }, command);
    if (values.help) return { kind: 'help' };
    if (positionals.length > 0) throw new UsageError(`${command}: unexpected argument '${positionals[0]}'`);
    const label = text(values.label, '--label', command) ?? 'manual';
    if (!backupLabelSchema.safeParse(label).success) throw new UsageError(`${command}: a label is 1 to 40 letters, digits, spaces, "-" or "_"`);
    return { kind: 'backup', action: 'create', label: label.trim(), dataDir: text(values['data-dir'], '--data-dir', command), json: values.json === true };
  }
  if (sub === 'list') {
    const { values, positionals } = parse(rest, {}, command);
    if (values.help) return { kind: 'help' };
    if (positionals.length > 0) throw new UsageError(`${command}: unexpected argument '${positionals[0]}'`);
    return { kind: 'backup', action: 'list', dataDir: text(values['data-dir'], '--data-dir', command), json: values.json === true };
  }
  if (sub === 'verify') {
    const { values, positionals } = parse(rest, { deep: { type: 'boolean' } }, command);
    if (values.help) return { kind: 'help' };
    return { kind: 'backup', action: 'verify', id: backupId(positionals, command), deep: values.deep === true, dataDir: text(values['data-dir'], '--data-dir', command), json: values.json === true };
  }
  if (sub === 'restore') {
    const { values, positionals } = parse(rest, { into: { type: 'string' } }, command);
    if (values.help) return { kind: 'help' };
    return {
      kind: 'backup',
      action: 'restore',
      id: backupId(positionals, command),
      into: text(values.into, '--into', command),
      dataDir: text(values['data-dir'], '--data-dir', command),
      json: values.json === true,
    };
  }
  throw new UsageError(`backup: unknown subcommand '${sub}' (try create, list, verify or restore)`);
}
