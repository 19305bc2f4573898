// @ts-check
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layerRestrictions, layerZones } from './eslintLayers.js';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'scratch/', '.data/', 'knowledge/laws/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { 'import-x': importX },
    // Resolves the `.js` specifiers of TypeScript sources to their `.ts` files: without it the layer zones
    // below see no file at all and never fire.
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
  // One merged package/pattern restriction per file group (a later block replaces an earlier one for the
  // same rule, so each group states all of its restrictions at once).
  ...layerRestrictions.map(({ files, ignores, paths, patterns }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns: patterns ?? [] }] },
  })),
  {
    files: ['src/**/*.ts', 'dialogs/**/*.ts'],
    ignores: ['src/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/config.ts reads the environment; take what you need from Config.' },
      ],
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
