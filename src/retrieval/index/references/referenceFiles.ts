import { z } from 'zod';

/** knowledge/lawAliases.json: widely used abbreviations → the corpus's short title (消保法 → 消费者权益保护法). */
export const LawAliasesFile = z.object({
  description: z.string().optional(),
  aliases: z.record(z.string().min(1), z.string().min(1)),
});
export type LawAliasesFile = z.infer<typeof LawAliasesFile>;

/**
 * The parts of knowledge/repealed.json the resolver reads (that file is owned and fully validated
 * elsewhere; extra fields are ignored here on purpose).
 */
export const RepealedLawsFile = z.object({
  laws: z.array(
    z.object({
      name: z.string().min(1),
      aliases: z.array(z.string().min(1)),
      repealedOn: z.string(),
      repealedBy: z.string().min(1),
      articles: z.array(z.object({ old: z.string(), new: z.array(z.string()), note: z.string().optional() })),
    }),
  ),
});
export type RepealedLawsFile = z.infer<typeof RepealedLawsFile>;

/**
 * Used when knowledge/repealed.json is absent: the laws 民法典第一千二百六十条 repealed on 2021-01-01,
 * with no article correspondences (a reference to them then resolves without a replacement).
 */
export const CIVIL_CODE_REPEALS: RepealedLawsFile = {
  laws: ['婚姻法', '继承法', '民法通则', '收养法', '担保法', '合同法', '物权法', '侵权责任法', '民法总则'].map((name) => ({
    name,
    aliases: [name, `中华人民共和国${name}`],
    repealedOn: '2021-01-01',
    repealedBy: '民法典',
    articles: [],
  })),
};
