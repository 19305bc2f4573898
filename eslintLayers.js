// @ts-check
/**
 * The layer rules (style.md H2 and section 4), in one place: which folder may import which, and which
 * package has a single owner. eslint.config.js applies them; test/unit/lintLayers.test.ts lints a set of
 * deliberately violating files under test/fixtures/lint/ and expects each message below.
 */

const MODEL_PACKAGES = ['openai', 'langchain', '@langchain/core', '@langchain/openai'];
const own = (name, owner) => ({ name, message: `Only ${owner} may import ${name}.` });
const NODE_IO = ['fs', 'fs/promises', 'child_process', 'net', 'http', 'https', 'dgram', 'worker_threads'].flatMap((m) => [m, `node:${m}`]);

const botbuilder = own('botbuilder', 'src/channels/botframework');
const pg = own('pg', 'src/storage and src/*/sql');
const express = own('express', 'src/server');
const models = MODEL_PACKAGES.map((name) => own(name, 'src/understanding and src/answering'));

/** Only a type may cross these boundaries; values arrive through the deps of a make…(deps) factory. */
const typesOnly = (layers, message) => ({ group: layers.flatMap((l) => [`**/${l}/**`, `**/${l}/*`]), allowTypeImports: true, message });

/** @type {{ files: string[]; ignores?: string[]; paths: { name: string; message: string }[]; patterns?: object[] }[]} */
const groups = [
  {
    files: ['dialogs/**/*.ts'],
    paths: [botbuilder, pg, express, ...models, ...NODE_IO.map((name) => ({ name, message: 'dialogs/ holds pure machines and wording: no I/O.' }))],
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/sql/**'],
    paths: [botbuilder, pg, express, ...models],
    // The understanding's zod schemas (Slots) are the turn's data contract and may be imported as values.
    patterns: [typesOnly(['retrieval', 'cases', 'rules'], 'The engine imports only types from retrieval, cases and rules; the functions come in EngineDeps.')],
  },
  {
    files: ['src/understanding/**/*.ts', 'src/answering/**/*.ts'],
    paths: [botbuilder, pg, express],
  },
  {
    files: ['src/channels/**/*.ts'],
    ignores: ['src/channels/botframework/**', 'src/channels/*/sql/**'],
    paths: [botbuilder, pg, express, ...models],
  },
  {
    files: ['src/channels/botframework/**/*.ts'],
    paths: [pg, express, ...models],
  },
  {
    files: ['src/server/**/*.ts'],
    paths: [botbuilder, pg, ...models],
  },
  {
    files: ['src/storage/**/*.ts', 'src/*/sql/**/*.ts'],
    paths: [botbuilder, express, ...models],
  },
  {
    files: ['src/**/*.ts'],
    ignores: [
      'src/main.ts',
      'src/compose*.ts',
      'src/engine/**',
      'src/understanding/**',
      'src/answering/**',
      'src/channels/**',
      'src/server/**',
      'src/storage/**',
      'src/*/sql/**',
    ],
    paths: [botbuilder, pg, express, ...models],
  },
];

/** A package's sub-paths (`@langchain/core/messages`, `pg/lib/…`) are restricted with the package itself. */
export const layerRestrictions = groups.map((g) => ({
  ...g,
  patterns: [
    ...(g.patterns ?? []),
    ...g.paths
      .filter((p) => (!p.name.includes(':') && !p.name.includes('/')) || p.name.startsWith('@'))
      .map((p) => ({ group: [`${p.name}/*`], message: p.message })),
  ],
}));

const VOCABULARY = './dialogs/disputeTypes.ts';

export const layerZones = [
  { target: './dialogs', from: './src', message: 'dialogs/ holds pure machines: no imports from src/.' },
  { target: './src/engine', from: ['./src/channels', './src/server'], message: 'The engine knows nothing of channels or HTTP.' },
  {
    target: ['./src/retrieval', './src/cases', './src/rules', './src/understanding'],
    from: ['./src/engine', './src/channels', './src/server', './dialogs'],
    except: ['./disputeTypes.ts', './money.ts'],
    message: 'Lower layers must not import upper ones (dialogs/disputeTypes.ts and dialogs/money.ts, shared by every layer, excepted).',
  },
  {
    target: './src/rules',
    from: ['./src/retrieval', './src/understanding', './src/cases'],
    message: 'The rules module is pure: it takes its facts as input and imports no other layer.',
  },
  {
    target: './src/retrieval',
    from: ['./src/rules', './src/understanding', './src/cases'],
    message: 'Retrieval answers from the law and the plan; it does not reach into the rules, the understanding or cases.',
  },
  {
    target: './src/common',
    from: ['./src', './dialogs'],
    except: ['./common'],
    message: 'src/common holds pure helpers every layer shares (civil dates, numerals, text, hashing): it imports no layer.',
  },
  {
    target: './src/storage',
    from: ['./src/engine', './src/channels', './src/server', './src/retrieval', './src/cases', './src/rules', './src/understanding', './dialogs'],
    message: 'storage is the bottom layer.',
  },
  {
    target: './src/channels',
    from: ['./src/retrieval', './src/cases', './src/server', './src/rules'],
    message: 'Channels only translate; they reach the engine through its public API.',
  },
  {
    target: ['./src/server'],
    from: ['./src/storage', './src/engine', './src/retrieval', './src/cases', './src/rules', './src/understanding'],
    message: 'The server gets what it needs through deps from src/main.ts.',
  },
];
export { VOCABULARY };
