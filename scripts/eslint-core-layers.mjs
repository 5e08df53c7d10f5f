/**
 * The core's import allow-list (DESIGN.md, "Processes and layers") as one ESLint rule,
 * in the spirit of VS Code's code-import-patterns: every relative import of a file in
 * src-main/ is resolved, both ends are put in a zone (the folder under src-main/, or
 * `base` for the root's log, config, events, redact and util/, or `core` for core.ts),
 * and the import passes only when the importer's zone may use the target's. A folder
 * imports itself and the zones below it; ports sit with their consumers (market/,
 * oms/), adapters above them (brokers/), and test code (testing/) is importable only
 * from tests, benches and testing itself. A folder the map does not name is refused
 * until it is placed in the map, so a new one is a decision, not an accident.
 */
import path from 'node:path';

/** Zones from the bottom up; a zone may import itself and every zone listed before it, except its peers. */
const TIERS = [
  ['base'],
  ['db'],
  // Each on db (or less) only: they do not import one another.
  ['secrets', 'audit', 'backup', 'dbadmin', 'diagnostics'],
  ['market'],
  ['oms'],
  ['strategies'],
  ['maintenance'],
  ['brokers'],
  ['api'],
  ['core'],
];

/** Entry points sit on the core; cli and electron also start or share the browser-mode server. */
const ENTRIES = {
  server: [],
  cli: ['server'],
  electron: ['server'],
  bench: ['server', 'testing'],
};

/** Everything from `base` to `core`. */
const CORE_ZONES = TIERS.flat();

function buildAllowList() {
  const allowed = new Map();
  const below = [];
  for (const tier of TIERS) {
    for (const zone of tier) allowed.set(zone, new Set([...below, zone]));
    below.push(...tier);
  }
  for (const [entry, extra] of Object.entries(ENTRIES)) allowed.set(entry, new Set([...CORE_ZONES, entry, ...extra]));
  // Test code composes whatever a test needs (a core, an adapter, a venue); the entries stay out of it.
  allowed.set('testing', new Set([...CORE_ZONES, 'testing']));
  return allowed;
}

export const ALLOWED_IMPORTS = buildAllowList();

const TEST_FILE = /\.test\.tsx?$/;

/**
 * The zone of a file under src-main/ (path relative to src-main): its folder, `base` for
 * the root's files and util/, `core` for core.ts and the root's tests of the whole core
 * (core-*.test.ts).
 */
export function zoneOf(relative) {
  const parts = relative.split(/[\\/]/);
  if (parts.length === 1) return /^core(\.|-|$)/.test(parts[0]) ? 'core' : 'base';
  return parts[0] === 'util' ? 'base' : parts[0];
}

/**
 * Why `from` may not import `to` (zones), or null when it may. `test`: the importer is a
 * test file, which may also use testing/ and, to drive its folder's port end to end, a
 * real adapter from brokers/ (the OMS's tests run on the paper broker).
 */
export function refusal(from, to, test) {
  if (from === to) return null;
  const allowed = ALLOWED_IMPORTS.get(from);
  if (!allowed) return `src-main/${from}/ is not in the layer map (scripts/eslint-core-layers.mjs): place it there first`;
  if (!ALLOWED_IMPORTS.has(to)) return `src-main/${to}/ is not in the layer map (scripts/eslint-core-layers.mjs): place it there first`;
  if (to === 'testing') return test || allowed.has(to) ? null : 'test code (src-main/testing/) is imported only by tests, benches and testing itself';
  if (allowed.has(to)) return null;
  if (test && to === 'brokers' && CORE_ZONES.includes(from)) return null;
  return `${from === 'base' ? 'the root (log, config, events, redact, util/)' : `${from}/`} may not import ${to === 'base' ? 'the root' : `${to}/`}: a folder imports only the folders below it (DESIGN.md, "Processes and layers")`;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: "Enforces the import allow-list between src-main's folders." },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: { layer: '{{why}} (import of {{spec}}).' },
  },
  create(context) {
    const root = path.resolve(context.options[0]?.root ?? context.cwd, 'src-main');
    const filename = path.resolve(context.filename);
    const fromRelative = path.relative(root, filename);
    if (fromRelative.startsWith('..') || path.isAbsolute(fromRelative)) return {};
    const from = zoneOf(fromRelative);
    const test = TEST_FILE.test(filename);
    const check = (source) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = path.resolve(path.dirname(filename), source.value.replace(/\?.*$/, ''));
      const toRelative = path.relative(root, target);
      // Outside src-main (src-shared, resources, package.json): the other rules govern those.
      if (toRelative.startsWith('..') || path.isAbsolute(toRelative)) return;
      const why = refusal(from, zoneOf(toRelative), test);
      if (why) context.report({ node: source, messageId: 'layer', data: { why, spec: source.value } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

export default { meta: { name: 'tickdesk-core-layers' }, rules: { 'core-layers': rule } };
