import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseCommand, UsageError } from './args';

describe('parseCommand', () => {
  it('parses serve with defaults and options', () => {
    expect(parseCommand(['serve'])).toEqual({ kind: 'serve', dataDir: undefined, port: DEFAULT_PORT });
    expect(parseCommand(['serve', '--data-dir', '/tmp/td', '--port', '0'])).toEqual({ kind: 'serve', dataDir: '/tmp/td', port: 0 });
    expect(parseCommand(['serve', '--port=9000', '--data-dir=rel'])).toEqual({ kind: 'serve', dataDir: 'rel', port: 9000 });
    expect(parseCommand(['serve', '-p', '65535'])).toMatchObject({ port: 65535 });
  });

  it('parses db status and db url', () => {
    expect(parseCommand(['db', 'status', '--json'])).toEqual({ kind: 'db-status', dataDir: undefined, json: true });
    expect(parseCommand(['db', 'status', '--data-dir', '/d'])).toEqual({ kind: 'db-status', dataDir: '/d', json: false });
    expect(parseCommand(['db', 'url', '--data-dir', '/d'])).toEqual({ kind: 'db-url', dataDir: '/d' });
  });

  it('knows help and version', () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['serve', '--help'], ['db', 'status', '-h'], ['db', '--help']]) {
      expect(parseCommand(argv), argv.join(' ')).toEqual({ kind: 'help' });
    }
    expect(parseCommand(['--version'])).toEqual({ kind: 'version' });
  });

  it('rejects bad input with a UsageError that says what is wrong', () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /no command/],
      [['start'], /unknown command 'start'/],
      [['serve', '--prot', '1'], /serve: .*--prot/],
      [['serve', '--port'], /serve: .*--port/],
      [['serve', '--port', 'abc'], /--port must be a number/],
      [['serve', '--port', '-1'], /serve:/],
      [['serve', '--port', '65536'], /--port must be a number/],
      [['serve', '--port', '1.5'], /--port must be a number/],
      [['serve', 'extra'], /unexpected argument 'extra'/],
      [['serve', '--data-dir', ''], /--data-dir needs a folder/],
      [['db'], /name a subcommand/],
      [['db', 'drop'], /unknown subcommand 'drop'/],
      [['db', 'url', '--json'], /db url: .*--json/],
      [['db', 'url', '--password', 'x'], /db url: .*--password/],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseCommand(argv), argv.join(' ')).toThrow(UsageError);
      expect(() => parseCommand(argv), argv.join(' ')).toThrow(message);
    }
  });
});
