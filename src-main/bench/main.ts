import { benchExport } from './export';
import { benchGenerateCommand } from './generate';
import { benchIngest } from './ingest';
import { benchOrders } from './orders';
import { benchRender } from './render';
import { benchSoak } from './soak';
import { benchStartup } from './startup';

/**
 * Benchmark runner (bundled to out/main/bench.js): `node out/main/bench.js NAME [--json]`.
 * Benchmarks print numbers; they never pass or fail on a target.
 */
const benches: Record<string, (argv: string[]) => Promise<Record<string, number | string>>> = {
  startup: benchStartup,
  export: benchExport,
  orders: benchOrders,
  ingest: benchIngest,
  generate: benchGenerateCommand,
  render: benchRender,
  soak: benchSoak,
};

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const bench = name ? benches[name] : undefined;
  if (!bench) {
    process.stderr.write(`usage: bench <${Object.keys(benches).join('|')}> [--json]\n`);
    process.exitCode = 2;
    return;
  }
  const result = await bench(rest);
  if (rest.includes('--json')) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    for (const [key, value] of Object.entries(result)) process.stdout.write(`${key.padEnd(20)} ${value}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
