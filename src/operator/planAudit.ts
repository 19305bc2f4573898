import type { Repealed, Renamed } from '../retrieval/knowledgeFiles.js';
import { parsePlan } from '../retrieval/ingest/parsePlan.js';
import { articleMentions, findNames, mentionsAfter, sentencesOf, stripTitle, successorBooks, topicMatches } from './planText.js';
import { DEADLINE_RULES, REQUIRED_PARTS, TIME_LIMIT } from './planAuditRules.js';
import type { HeldArticleRow, HeldLawName } from './sql/heldLaws.js';

/**
 * The plan audit (seed plan 5.1(1) 合法性原则, 5.3(4)–(5) 评估与修订): reads an operator's plan and lists
 * every sentence that cites a repealed or superseded law, an article we do not hold, a deadline the law
 * words differently, an authority by its old name, and every part of the structure 5.2 requires that is
 * missing. Each finding has the sentence, the problem and the fix; successor articles and the law's own
 * wording come from the texts we hold and the hand-checked correspondence tables (knowledge/repealed.json,
 * knowledge/renamed.json), never from this file.
 */

export type Bilingual = { zh: string; en: string };

export type FindingKind =
  'repealedLaw' | 'repealedRule' | 'supersededRule' | 'missingArticle' | 'olderVersionOnly' | 'deadline' | 'oldAuthority' | 'missingPart';

export type PlanFinding = {
  kind: FindingKind;
  /** The section's heading path (`第二章 … › 2.2.3 《中华人民共和国合同法》`); null for the plan as a whole. */
  section: string | null;
  /** The sentence as written (simplified characters); null for a missing part. */
  sentence: string | null;
  problem: Bilingual;
  fix: Bilingual;
  /** Articles we hold that the fix points to (successors, the law's own wording). */
  cites: { law: string; article: string }[];
};

export type PlanAudit = {
  title: string;
  on: string;
  sections: number;
  findings: PlanFinding[];
  counts: Record<FindingKind, number>;
};

export type PlanAuditDeps = {
  lawNames: HeldLawName[];
  /** Abbreviation → short title (knowledge/lawAliases.json). */
  aliases: Record<string, string>;
  repealed: Repealed;
  renamed: Renamed;
  /** The stored versions of the given laws' articles. */
  articles(lawShorts: string[]): Promise<HeldArticleRow[]>;
  /** YYYY-MM-DD: the date the plan is checked for (today in China). */
  on: string;
};

type Section = { heading: string; path: string[]; text: string };
type LawRef = { kind: 'live'; lawShort: string } | { kind: 'repealed'; law: Repealed['laws'][number] };

export async function auditPlan(raw: string, deps: PlanAuditDeps): Promise<PlanAudit> {
  const parsed = parsePlan(raw, 'plan');
  const sections: Section[] = parsed.sections;
  const findings: PlanFinding[] = [];
  const planText = sections.map((s) => `${s.heading}\n${s.text}`).join('\n');

  // Names → law: held titles, short titles and abbreviations; the plan's own "（下称《X》）"; repealed names win.
  const names = new Map<string, LawRef>();
  for (const l of deps.lawNames) {
    names.set(l.lawShort, { kind: 'live', lawShort: l.lawShort });
    names.set(l.lawTitle, { kind: 'live', lawShort: l.lawShort });
  }
  const held = new Set(deps.lawNames.map((l) => l.lawShort));
  for (const [alias, short] of Object.entries(deps.aliases)) if (held.has(short)) names.set(alias, { kind: 'live', lawShort: short });
  for (const m of planText.matchAll(/《([^》]{2,60})》[^《]{0,30}?[（(]下称《([^》]{2,30})》[）)]/g)) {
    const target = names.get(stripTitle(m[1] ?? ''));
    if (target) names.set(m[2] ?? '', target);
  }
  for (const law of deps.repealed.laws) for (const n of [law.name, ...law.aliases]) names.set(stripTitle(n), { kind: 'repealed', law });
  const nameList = [...names.keys()].filter((n) => n.length >= 2).sort((a, b) => b.length - a.length);
  const heldNames = deps.lawNames.flatMap((l) => [l.lawShort, l.lawTitle]);

  // Which laws the plan names, so that only their articles are read.
  const mentioned = new Set<string>();
  for (const [name, ref] of names) if (ref.kind === 'live' && planText.includes(name)) mentioned.add(ref.lawShort);
  for (const law of deps.repealed.laws) if (law.articles.length) mentioned.add(law.repealedBy);
  const rows = await deps.articles([...mentioned]);
  const current = new Map<string, HeldArticleRow>();
  const older = new Map<string, HeldArticleRow>();
  for (const r of rows) {
    const key = `${r.lawShort}|${r.label}`;
    if (r.current) {
      if (!current.has(key)) current.set(key, r);
    } else if (!older.has(key)) older.set(key, r);
  }

  const add = (f: PlanFinding, dedupeKey: string, seen: Set<string>) => {
    if (seen.has(dedupeKey)) return;
    seen.add(dedupeKey);
    findings.push(f);
  };
  const seen = new Set<string>();

  for (const section of sections) {
    const where = section.path.join(' › ');
    let lastLaw: LawRef | undefined;
    for (const sentence of sentencesOf(section)) {
      const text = sentence.replace(/[〈<]/g, '《').replace(/[〉>]/g, '》');
      // 1. Law names and the articles after them, in order of appearance.
      const lawSpans = findNames(text, nameList, heldNames);
      for (const span of lawSpans) {
        const ref = names.get(span.name);
        if (ref?.kind !== 'repealed') continue;
        // 劳动合同法, 技术合同法: the repealed name is only the tail of another law's name.
        if (/[\u3400-\u9fff]/.test(text[span.start - 1] ?? '') && !/[按据照依和与及或的是即在对从由将把、原]/.test(text[span.start - 1] ?? '')) continue;
        if (/原|已废止|废止前/.test(text.slice(Math.max(0, span.start - 2), span.start)) || /已(被)?废止|已失效/.test(text)) continue;
        const law = ref.law;
        const articlesCited = mentionsAfter(text, span.end).map((m) => m.label);
        const mapped = articlesCited.length
          ? articlesCited.flatMap((label) => law.articles.filter((a) => a.old === label))
          : topicMatches(`${section.heading}${section.text}`, law.articles);
        const successor = (label: string) => current.get(`${law.repealedBy}|${label}`);
        const cites = [...new Set(mapped.flatMap((a) => a.new))].filter((label) => successor(label));
        const citesText = cites.join('、');
        const unmapped = articlesCited.filter((label) => !law.articles.some((a) => a.old === label));
        // Named as a whole law: its rules now sit in these books of the successor (from the correspondence table).
        const books = articlesCited.length ? '' : successorBooks(law.articles.flatMap((a) => a.new).flatMap((l) => successor(l) ?? []));
        add(
          {
            kind: 'repealedLaw',
            section: where,
            sentence: sentence.trim(),
            problem: {
              zh: `引用了已废止的《${law.name}》${articlesCited.join('、')}：该法自 ${law.repealedOn} 起由《${law.repealedBy}》废止（《${law.basis.law}》${law.basis.article}）。`,
              en: `Cites the repealed ${law.name}${articlesCited.length ? ` (${articlesCited.join(', ')})` : ''}: repealed on ${law.repealedOn} by the ${law.repealedBy} (${law.basis.law} ${law.basis.article}).`,
            },
            fix: {
              zh: [
                books ? `改引《${law.repealedBy}》${books}。` : '',
                cites.length ? `${books ? '本节内容对应' : '改引'}《${law.repealedBy}》${citesText}。` : '',
                unmapped.length ? `${unmapped.join('、')}在对照表中没有逐条对应的条文，请对照原文核实。` : '',
                !books && !cites.length ? `改引《${law.repealedBy}》的相应条文（对照表中没有逐条对应，请对照原文核实）。` : '',
              ].join(''),
              en: [
                books ? `Cite the ${law.repealedBy}: ${books}.` : '',
                cites.length ? ` Corresponding articles: ${law.repealedBy} ${cites.join(', ')}.` : '',
                unmapped.length ? ` ${unmapped.join(', ')} has no checked correspondence: read the text.` : '',
                !books && !cites.length ? `Cite the corresponding ${law.repealedBy} articles (no checked correspondence held).` : '',
              ]
                .join('')
                .trim(),
            },
            cites: cites.map((article) => ({ law: law.repealedBy, article })),
          },
          `repealed|${where}|${law.name}|${articlesCited.join(',')}`,
          seen,
        );
      }

      // 2. Articles of laws we hold: does each exist in the version we hold?
      for (const m of articleMentions(text)) {
        // An article belongs to the law named last before it (in this sentence, or earlier in the section).
        const named = lawSpans.filter((span) => span.end <= m.start).at(-1);
        const ref = named ? names.get(named.name) : lastLaw;
        if (ref?.kind !== 'live') continue;
        const key = `${ref.lawShort}|${m.label}`;
        if (current.has(key)) continue;
        const old = older.get(key);
        add(
          old
            ? {
                kind: 'olderVersionOnly',
                section: where,
                sentence: sentence.trim(),
                problem: {
                  zh: `《${ref.lawShort}》${m.label}只见于 ${old.versionDate ?? '旧'} 版本，现行文本中没有这一条。`,
                  en: `${ref.lawShort} ${m.label} exists only in the ${old.versionDate ?? 'older'} version, not in the text in force.`,
                },
                fix: { zh: `按现行文本核对条文号后改引。`, en: 'Check the article number against the text in force and cite that.' },
                cites: [],
              }
            : {
                kind: 'missingArticle',
                section: where,
                sentence: sentence.trim(),
                problem: {
                  zh: `《${ref.lawShort}》没有${m.label}（本地法律库所收文本中不存在）。`,
                  en: `The ${ref.lawShort} has no ${m.label} in the text we hold.`,
                },
                fix: { zh: `核对条文号，改为实际规定该内容的条文。`, en: 'Check the number and cite the article that actually says this.' },
                cites: [],
              },
          `article|${where}|${key}`,
          seen,
        );
      }
      const lastNamed = lawSpans.at(-1);
      if (lastNamed) lastLaw = names.get(lastNamed.name) ?? lastLaw;

      // 3. Superseded rules (we hold the old text; the new one replaced it on a date).
      for (const s of deps.repealed.superseded) {
        if (s.supersededOn > deps.on) continue;
        const cited = lawSpans.some((span) => {
          const ref = names.get(span.name);
          return ref?.kind === 'live' && ref.lawShort === s.lawShort;
        });
        if (!cited || text.includes(s.supersededBy) || planText.includes(s.order)) continue;
        add(
          {
            kind: 'supersededRule',
            section: where,
            sentence: sentence.trim(),
            problem: {
              zh: `引用的《${s.lawShort}》（${s.versionDate} 文本）已于 ${s.supersededOn} 被《${s.supersededBy}》（${s.order}）取代。`,
              en: `Cites the ${s.lawShort} (${s.versionDate} text), replaced on ${s.supersededOn} by the ${s.supersededBy} (${s.order}).`,
            },
            fix: {
              zh: `改引《${s.supersededBy}》的相应条文${s.replacementHeld ? '' : '（新文本尚未收入本地法律库：录入并核对条文号后再引用，在此之前注明“2022 年暂行办法”并说明已被取代）'}。`,
              en: `Cite the corresponding article of the ${s.supersededBy}${s.replacementHeld ? '' : ' (its text is not held yet: add and check it first; until then, name the old rule as replaced)'}.`,
            },
            cites: [],
          },
          `superseded|${where}|${s.lawShort}`,
          seen,
        );
      }

      // 4. Repealed rules named by title (欺诈消费者行为处罚办法 …).
      for (const rule of deps.renamed.rules) {
        const title = rule.old.replace(/（.*$/, '').trim();
        if (!text.includes(title) || /原|已废止/.test(text.slice(Math.max(0, text.indexOf(title) - 2), text.indexOf(title)))) continue;
        add(
          {
            kind: 'repealedRule',
            section: where,
            sentence: sentence.trim(),
            problem: { zh: `引用了已废止的《${title}》（${rule.repealedOn} 起废止）。`, en: `Cites the repealed ${title} (repealed on ${rule.repealedOn}).` },
            fix: {
              zh: `改引《${rule.replacedBy}》（废止依据：${rule.by.law}${rule.by.article}）${rule.note ? `；${rule.note}` : ''}。`,
              en: `Cite the ${rule.replacedBy} instead (repealed by ${rule.by.law} ${rule.by.article}).`,
            },
            cites: current.has(`${rule.by.law}|${rule.by.article}`) ? [{ law: rule.by.law, article: rule.by.article }] : [],
          },
          `rule|${where}|${title}`,
          seen,
        );
      }

      // 5. Authorities by their old names (longest name first, each place once).
      const taken: [number, number][] = [];
      const bodies = deps.renamed.bodies.flatMap((b) => b.old.map((old) => ({ old, body: b }))).sort((a, b) => b.old.length - a.old.length);
      for (const { old, body } of bodies) {
        for (let i = text.indexOf(old); i !== -1; i = text.indexOf(old, i + 1)) {
          if (taken.some(([a, b]) => i < b && i + old.length > a)) continue;
          taken.push([i, i + old.length]);
          if (text[i - 1] === '原') continue;
          add(
            {
              kind: 'oldAuthority',
              section: where,
              sentence: sentence.trim(),
              problem: { zh: `机构名称已变更：“${old}”现为“${body.now}”。`, en: `Old authority name: "${old}" is now "${body.now}".` },
              fix: {
                zh: `改为“${body.now}”${body.now === '市场监督管理部门' ? '；投诉可通过全国 12315 平台或 12315 热线提出' : ''}。`,
                en: `Write "${body.now}"${body.now === '市场监督管理部门' ? '; complaints go through the national 12315 platform or hotline' : ''}.`,
              },
              cites: (body.evidence ?? []).filter((e) => current.has(`${e.law}|${e.article}`)).slice(0, 3),
            },
            `body|${where}|${old}`,
            seen,
          );
        }
      }

      // 6. Deadlines stated against the law.
      for (const rule of DEADLINE_RULES) {
        if (!rule.states.test(text) || !rule.wrong.test(text)) continue;
        const article = current.get(`${rule.law}|${rule.article}`);
        // The rule applies only while the text we hold still says it (no deadline from memory).
        const wording = article?.text.match(rule.lawSays)?.[0];
        if (!wording) continue;
        add(
          {
            kind: 'deadline',
            section: where,
            sentence: sentence.trim(),
            problem: {
              zh: `${rule.problem.zh}《${rule.law}》${rule.article}规定“${wording}”。`,
              en: `${rule.problem.en} (${rule.law} ${rule.article}: "${wording}").`,
            },
            fix: rule.fix,
            cites: [{ law: rule.law, article: rule.article }],
          },
          `deadline|${where}|${rule.id}`,
          seen,
        );
      }
    }
  }

  // 7. The structure 5.2 requires.
  for (const part of REQUIRED_PARTS) {
    const matching = sections.filter((s) => part.heading.test(s.heading));
    if (matching.length === 0) {
      findings.push({
        kind: 'missingPart',
        section: null,
        sentence: null,
        problem: { zh: `缺少 5.2 要求的组成部分：${part.name.zh}。`, en: `Missing a part 5.2 requires: ${part.name.en}.` },
        fix: { zh: `增加一章“${part.name.zh}”。`, en: `Add a chapter on ${part.name.en}.` },
        cites: [],
      });
      continue;
    }
    if (part.id === 'flow') {
      const under = sections.filter((s) => matching.some((m) => s.path.includes(m.heading)));
      if (!under.some((s) => TIME_LIMIT.test(`${s.heading}${s.text}`)))
        findings.push({
          kind: 'missingPart',
          section: matching[0]?.path.join(' › ') ?? null,
          sentence: null,
          problem: { zh: '维权流程没有写明各环节的时限（5.2(3) 要求明确途径、流程及时限）。', en: 'The flow states no time limits for its steps (5.2(3)).' },
          fix: { zh: '为每个环节写明时限及其法律依据（如七日无理由退货、投诉受理期限）。', en: 'State each step’s time limit and its legal basis.' },
          cites: [],
        });
    }
  }

  const counts = Object.fromEntries(KINDS.map((k) => [k, findings.filter((f) => f.kind === k).length])) as Record<FindingKind, number>;
  return { title: parsed.title, on: deps.on, sections: sections.length, findings, counts };
}

const KINDS: FindingKind[] = ['repealedLaw', 'repealedRule', 'supersededRule', 'missingArticle', 'olderVersionOnly', 'deadline', 'oldAuthority', 'missingPart'];
