import type { Queryable } from '../../storage/index.js';
import type { PersonalSeal } from '../crypto/sealPersonal.js';

/** What a consumer gets for 导出我的信息 (个人信息保护法 第四十五条): everything held about their conversation, opened. */
export type ConsumerExport = {
  exportedAt: string;
  conversation: { id: string; channel: string; locale: string; consent: string; createdAt: string; updatedAt: string };
  /** The chat as the channel log keeps it (Direct Line), oldest first. */
  messages: { at: string; from: string; text?: string; attachments?: string[] }[];
  cases: {
    caseNo: string;
    status: string;
    category: string;
    createdAt: string;
    closedAt: string | null;
    anonymisedAt: string | null;
    record: unknown;
    events: unknown[];
  }[];
  evidence: { name: string; contentType: string; size: number; sha256: string; at: string }[];
  /** The documents that can be downloaded for the current case (Direct Line paths, with the conversation's token). */
  documents: string[];
  /** What Weiquan does with it, in both languages. */
  notice: { zh: string; en: string };
};

const ISO = (c: string) => `to_char(${c}, 'YYYY-MM-DD"T"HH24:MI:SS.MSOF')`;

/** The export of conversation `id` on `siteId`; undefined when it is not this site's. */
export async function exportConsumerData(
  db: Queryable,
  seal: PersonalSeal,
  siteId: string,
  id: string,
  options: { documentKinds: readonly string[]; retention: { closedCaseDays: number; unconsentedDays: number } },
): Promise<ConsumerExport | undefined> {
  const conv = await db.query<ConsumerExport['conversation']>(
    `select id, channel, locale, consent, ${ISO('created_at')} as "createdAt", ${ISO('updated_at')} as "updatedAt" from conversations where id = $1 and site_id = $2`,
    [id, siteId],
  );
  const conversation = conv.rows[0];
  if (!conversation) return undefined;
  const [activities, cases, evidence] = await Promise.all([
    db.query<{ activity: Record<string, unknown>; at: string }>(
      `select activity, ${ISO('at')} as at from channel_activities where conversation_id = $1 and activity->>'type' = 'message' order by seq`,
      [id],
    ),
    db.query<ConsumerExport['cases'][number]>(
      `select k.case_no as "caseNo", k.status, k.category, ${ISO('k.created_at')} as "createdAt", ${ISO('k.closed_at')} as "closedAt",
              ${ISO('k.anonymised_at')} as "anonymisedAt", k.record,
              coalesce((select jsonb_agg(jsonb_build_object('type', e.type, 'actor', e.actor, 'payload', e.payload, 'at', ${ISO('e.at')}) order by e.seq)
                          from case_events e where e.case_no = k.case_no), '[]'::jsonb) as events
         from cases k where k.conversation_id = $1 order by k.created_at`,
      [id],
    ),
    db.query<ConsumerExport['evidence'][number]>(
      `select original_name as name, content_type as "contentType", size, sha256, ${ISO('created_at')} as at from evidence_files where conversation_id = $1 order by created_at, id`,
      [id],
    ),
  ]);
  const messages = activities.rows.map(({ activity, at }) => {
    const a = seal.open(activity) as { from?: { role?: string }; text?: unknown; attachments?: { name?: unknown }[] };
    const names = (a.attachments ?? []).map((x) => x.name).filter((n): n is string => typeof n === 'string');
    return {
      at,
      from: a.from?.role === 'user' ? 'you' : a.from?.role === 'bot' ? 'weiquan' : (a.from?.role ?? 'unknown'),
      ...(typeof a.text === 'string' ? { text: a.text } : {}),
      ...(names.length ? { attachments: names } : {}),
    };
  });
  const current = cases.rows.at(-1);
  return {
    exportedAt: new Date().toISOString(),
    conversation,
    messages,
    cases: cases.rows.map((k) => ({ ...k, record: seal.open(k.record) })),
    evidence: evidence.rows.map((e) => ({ ...e, name: seal.open(e.name) })),
    documents:
      current && conversation.consent === 'given' && !current.anonymisedAt
        ? options.documentKinds.flatMap((kind) => [
            `/v3/directline/conversations/${id}/documents/${kind}.pdf`,
            `/v3/directline/conversations/${id}/documents/${kind}.docx`,
          ])
        : [],
    notice: {
      zh: `这是维权助手保存的你在本次对话中的全部信息。案件办完后保存 ${options.retention.closedCaseDays} 天，之后只留不能认出你的统计；没有同意保存的对话 ${options.retention.unconsentedDays} 天后删除。说“删除我的信息”可随时删除。`,
      en: `This is everything Weiquan holds from this conversation. It is kept ${options.retention.closedCaseDays} days after the case closes, then only statistics that cannot identify you remain; conversations without consent are deleted after ${options.retention.unconsentedDays} days. Say "delete my data" to delete it at any time.`,
    },
  };
}
