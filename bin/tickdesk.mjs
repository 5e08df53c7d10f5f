#!/usr/bin/env node
// The package's `tickdesk` command: runs the bundled CLI (out/main/cli.js),
// building it first when a fresh checkout has not been built yet.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cli = join(root, 'out', 'main', 'cli.js');

if (!existsSync(cli)) {
  process.stderr.write('Tickdesk is not built yet; building…\n');
  // The build's own output goes to stderr: stdout belongs to the command
  // (the serve URL, the --json status), which scripts parse.
  const build = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
    shell: process.platform === 'win32',
  });
  if (build.status !== 0 || !existsSync(cli)) {
    process.stderr.write(
      `Tickdesk: the build failed (${build.error ? build.error.message : `exit code ${build.status}`}); run \`npm run build\` to see why.\n`,
    );
    process.exit(1);
  }
}

// cli.js reads process.argv.slice(2), which is already the user's arguments.
await import(pathToFileURL(cli).href);
