// @ts-check
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Where each single-owner package may be imported (style.md H2). */
const owned = [
  { name: 'botbuilder', owner: 'src/channels/botframework/**' },
  { name: 'pg', owner: ['src/storage/**', 'src/*/sql/**'] },
  { name: 'express', owner: 'src/server/**' },
  // The model path: understanding and answer composition only.
  ...['openai', 'langchain', '@langchain/core', '@langchain/openai'].map((name) => ({ name, owner: ['src/understanding/**', 'src/answering/**'] })),
];

/** @param {typeof owned} entries */
function restrictImports(entries) {
  const message = (/** @type {typeof owned[number]} */ { name, owner }) => `Only ${[owner].flat().join(' or ')} may import ${name}.`;
  return {
    'no-restricted-imports': ['error', {
      paths: entries.map((o) => ({ name: o.name, message: message(o) })),
      patterns: entries.map((o) => ({ group: [`${o.name}/*`], message: message(o) })),
    }],
  };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'scratch/', '.data/', 'knowledge/laws/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { 'import-x': importX },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './dialogs', from: './src', message: 'dialogs/ holds pure machines: no imports from src/.' },
            { target: './src/engine', from: ['./src/channels', './src/server'], message: 'The engine knows nothing of channels or HTTP.' },
            // dialogs/disputeTypes.ts is the one dispute-type vocabulary; every layer may share it.
            { target: ['./src/retrieval', './src/cases', './src/rules'], from: ['./src/engine', './src/channels', './src/server', './dialogs'], except: ['./disputeTypes.ts'], message: 'Lower layers must not import upper ones.' },
            { target: './src/storage', from: ['./src/engine', './src/channels', './src/server', './src/retrieval', './src/cases', './src/rules', './dialogs'], message: 'storage is the bottom layer.' },
            { target: './src/channels', from: ['./src/storage', './src/retrieval', './src/cases', './src/server'], message: 'Channels only translate; they reach the engine through its public API.' },
            { target: './src/server', from: ['./src/storage', './src/engine', './src/retrieval', './src/cases', './src/rules'], message: 'The server gets what it needs through deps from src/main.ts.' },
          ],
        },
      ],
    },
  },
  // Single-owner packages: forbidden everywhere in src/ and dialogs/ except in their owner folder. One
  // rule entry per file set (a later entry replaces an earlier one's options, it does not add to them):
  // everything restricted everywhere, then each owner folder with all but its own packages.
  { files: ['src/**/*.ts', 'dialogs/**/*.ts'], ignores: ['src/main.ts'], rules: restrictImports(owned) },
  ...[...new Set(owned.map((o) => JSON.stringify([o.owner].flat())))].map((key) => ({
    files: JSON.parse(key),
    rules: restrictImports(owned.filter((o) => JSON.stringify([o.owner].flat()) !== key)),
  })),
  {
    files: ['src/**/*.ts', 'dialogs/**/*.ts'],
    ignores: ['src/config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only src/config.ts reads the environment; take what you need from Config.' }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'describe', property: 'only', message: 'No .only in committed tests.' },
        { object: 'it', property: 'only', message: 'No .only in committed tests.' },
        { object: 'test', property: 'only', message: 'No .only in committed tests.' },
        { object: 'describe', property: 'skip', message: 'No .skip in committed tests.' },
        { object: 'it', property: 'skip', message: 'No .skip in committed tests.' },
        { object: 'test', property: 'skip', message: 'No .skip in committed tests.' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
