import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CategoriesFile,
  FlagsFile,
  IntentsFile,
  PlatformsFile,
  ProductsFile,
  SellerResponsesFile,
  SellerType,
  SellerTypesFile,
  Want,
  WantsFile,
  dictionaries,
  makeUnderstandOffline,
} from '../../src/understanding/index.js';
import { DisputeType } from '../../src/retrieval/knowledgeFiles.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge/understanding');
const now = new Date('2026-11-28T10:00:00+08:00');

describe('the understanding dictionaries in knowledge/understanding/', () => {
  it.each([
    ['platforms.json', PlatformsFile],
    ['sellerTypes.json', SellerTypesFile],
    ['products.json', ProductsFile],
    ['categories.json', CategoriesFile],
    ['wants.json', WantsFile],
    ['sellerResponses.json', SellerResponsesFile],
    ['flags.json', FlagsFile],
    ['intents.json', IntentsFile],
  ] as const)('%s parses with its schema', async (file, schema) => {
    const json: unknown = JSON.parse(await fs.readFile(path.join(dir, file), 'utf8'));
    expect(schema.safeParse(json).error).toBeUndefined();
  });

  it('has vocabulary for every dispute type but other', () => {
    const types = dictionaries.categories.categories.map((c) => c.type);
    expect(types.sort()).toEqual(DisputeType.options.filter((t) => t !== 'other').sort());
  });

  it('gives no alias to two platforms', () => {
    const aliases = dictionaries.platforms.platforms.flatMap((p) => p.aliases);
    expect(aliases.filter((a, i) => aliases.indexOf(a) !== i)).toEqual([]);
  });

  it('covers every seller type and every remedy', () => {
    expect(dictionaries.sellerTypes.sellerTypes.map((s) => s.type).sort()).toEqual([...SellerType.options].sort());
    expect(new Set(dictionaries.wants.phrases.flatMap((p) => p.wants))).toEqual(new Set(Want.options));
  });

  it('rejects an upper-case phrase (messages are lower-cased before matching)', () => {
    const bad = { platforms: [{ name: '京东', nameEn: 'JD.com', aliases: ['JD'] }] };
    expect(PlatformsFile.safeParse(bad).success).toBe(false);
  });

  it('rejects a pattern that does not compile', () => {
    const bad = {
      ...dictionaries.sellerResponses,
      responses: [{ label: '拒绝', labelEn: 'refused', outcome: 'refused', needsSubject: true, patterns: ['(不给'] }],
    };
    expect(SellerResponsesFile.safeParse(bad).success).toBe(false);
  });
});

describe('makeUnderstandOffline with other dictionaries', () => {
  it('knows a platform added to the dictionary', () => {
    const platforms = { platforms: [...dictionaries.platforms.platforms, { name: '网易严选', nameEn: 'Yanxuan', aliases: ['网易严选', '严选'] }] };
    const understand = makeUnderstandOffline({ ...dictionaries, platforms });
    expect(understand('在严选买的', { now }).slots.platform).toBe('网易严选');
  });
});
