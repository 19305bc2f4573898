import type { Queryable } from '../../../src/storage/index.js';

/**
 * A hand-made month of one site (s_alpha) beside another site's rows (s_beta) and rows just outside
 * November 2026 in China time. The expected figures in evaluation.db.test.ts are computed by hand from it.
 */
export async function insertEvaluationFixture(db: Queryable): Promise<void> {
  for (const site of ['s_alpha', 's_beta'])
    await db.query(`insert into sites (id, name, secret_hash) values ($1, $1, $2) on conflict do nothing`, [site, `hash-${site}`]);
  const conv = (id: string, site: string, at: string) =>
    db.query(
      `insert into conversations (id, channel, machine_id, machine_version, snapshot, site_id, created_at) values ($1, 'directline', 'rights', 1, '{}', $2, $3)`,
      [id, site, at],
    );
  await conv('c1', 's_alpha', '2026-11-02T01:00:00Z');
  await conv('c2', 's_alpha', '2026-11-02T19:00:00Z');
  await conv('c3', 's_alpha', '2026-11-10T02:00:00Z');
  await conv('c4', 's_alpha', '2026-11-20T02:00:00Z');
  await conv('c6', 's_alpha', '2026-11-28T02:00:00Z');
  await conv('c5', 's_alpha', '2026-10-31T15:00:00Z'); // 10-31 23:00 in China: outside
  await conv('b1', 's_beta', '2026-11-05T02:00:00Z');

  const kase = async (
    no: string,
    conversation: string,
    at: string,
    category: string,
    platform: string,
    shop: string,
    product: string,
    status: string,
    outcomes: [string, string][],
    events: [number, string][],
  ) => {
    const record = { category, parties: { platform, shopName: shop }, order: { product }, outcomes: outcomes.map(([step, outcome]) => ({ step, outcome })) };
    await db.query(`insert into cases (case_no, conversation_id, status, category, record, created_at) values ($1, $2, $3, $4, $5, $6)`, [
      no,
      conversation,
      status,
      category,
      record,
      at,
    ]);
    let seq = 0;
    for (const [hours, s] of events)
      await db.query(
        `insert into case_events (case_no, seq, type, actor, payload, at) values ($1, $2, $3, 'bot', $4, $5::timestamptz + make_interval(hours => $6))`,
        [no, ++seq, seq === 1 ? 'filed' : 'status_changed', { status: s }, at, hours],
      );
  };
  await kase(
    'WQ-20261102-AAAA',
    'c1',
    '2026-11-02T02:00:00Z',
    'quality_defect',
    '京东',
    '甲店',
    '手机',
    'resolved',
    [['negotiate', 'refused']],
    [
      [0, 'open'],
      [1, 'negotiating'],
      [10, 'resolved'],
    ],
  );
  // 04:00 on 11-03 in China.
  await kase(
    'WQ-20261103-BBBB',
    'c2',
    '2026-11-02T20:00:00Z',
    'quality_defect',
    '京东',
    '甲店',
    '耳机',
    'platform',
    [['negotiate', 'refused']],
    [
      [0, 'open'],
      [1, 'negotiating'],
      [2, 'platform'],
    ],
  );
  await kase(
    'WQ-20261110-CCCC',
    'c3',
    '2026-11-10T03:00:00Z',
    'counterfeit',
    '淘宝',
    '乙店',
    '手机',
    'closed',
    [
      ['negotiate', 'refused'],
      ['platform', 'refused'],
    ],
    [
      [0, 'open'],
      [2, 'external'],
      [30, 'closed'],
    ],
  );
  await kase('WQ-20261031-DDDD', 'c5', '2026-10-31T15:30:00Z', 'counterfeit', '淘宝', '乙店', '手机', 'open', [], [[0, 'open']]);
  await kase('WQ-20261201-EEEE', 'c4', '2026-11-30T16:30:00Z', 'counterfeit', '淘宝', '乙店', '手机', 'open', [], [[0, 'open']]);
  await kase(
    'WQ-20261105-FFFF',
    'b1',
    '2026-11-05T02:00:00Z',
    'quality_defect',
    '拼多多',
    '丙店',
    '手机',
    'resolved',
    [],
    [
      [0, 'open'],
      [1, 'resolved'],
    ],
  );

  const owner = async (conversation: string, changes: [string, string, string][]) => {
    let seq = 0;
    for (const [from, to, at] of changes)
      await db.query(`insert into conversation_events (conversation_id, seq, type, actor, payload, at) values ($1, $2, 'owner_changed', 'consumer', $3, $4)`, [
        conversation,
        ++seq,
        { from, to },
        at,
      ]);
  };
  await owner('c1', [
    ['bot', 'waiting', '2026-11-02T03:00:00Z'],
    ['waiting', 'agent', '2026-11-02T03:02:00Z'],
    ['agent', 'bot', '2026-11-02T04:00:00Z'],
  ]);
  await owner('c2', [
    ['bot', 'waiting', '2026-11-03T01:00:00Z'],
    ['waiting', 'agent', '2026-11-03T01:10:00Z'],
  ]);
  await owner('c3', [
    ['bot', 'waiting', '2026-11-11T00:00:00Z'],
    ['waiting', 'bot', '2026-11-11T00:05:00Z'],
  ]);
  await owner('c6', [['bot', 'waiting', '2026-11-28T03:00:00Z']]);
  await owner('b1', [
    ['bot', 'waiting', '2026-11-05T03:00:00Z'],
    ['waiting', 'agent', '2026-11-05T03:00:05Z'],
  ]);

  const turns: [string, string, string, unknown][] = [
    ['c1', 'state_entered', '2026-11-02T02:00:00Z', { from: 'evidence', to: 'negotiate' }],
    ['c1', 'state_entered', '2026-11-02T01:30:00Z', { from: 'collecting', to: 'evidence' }],
    ['c2', 'state_entered', '2026-11-02T20:00:00Z', { from: 'evidence', to: 'negotiate' }],
    ['c2', 'state_entered', '2026-11-02T22:00:00Z', { from: 'negotiate', to: 'platform' }],
    ['c3', 'state_entered', '2026-11-10T03:00:00Z', { from: 'evidence', to: 'negotiate' }],
    ['c3', 'state_entered', '2026-11-10T04:00:00Z', { from: 'negotiate', to: 'platform' }],
    ['c3', 'state_entered', '2026-11-10T05:00:00Z', { from: 'platform', to: 'external' }],
    ['c5', 'state_entered', '2026-10-31T15:30:00Z', { from: 'evidence', to: 'negotiate' }],
    ['b1', 'state_entered', '2026-11-05T02:00:00Z', { from: 'evidence', to: 'negotiate' }],
  ];
  const seqs = new Map<string, number>();
  const turn = async (conversation: string, turnId: string, type: string, at: string, payload: unknown) => {
    const seq = (seqs.get(conversation) ?? 0) + 1;
    seqs.set(conversation, seq);
    await db.query(`insert into turn_events (conversation_id, seq, turn_id, type, payload, at) values ($1, $2, $3, $4, $5, $6)`, [
      conversation,
      seq,
      turnId,
      type,
      JSON.stringify(payload),
      at,
    ]);
  };
  for (const [c, type, at, payload] of turns) await turn(c, `s-${at}`, type, at, payload);
  const question = async (c: string, turnId: string, at: string, said: object, answered: object) => {
    await turn(c, turnId, 'user_message', at, { ...said, intents: ['question'] });
    await turn(c, turnId, 'question_answered', at, answered);
  };
  await question('c1', 'q1', '2026-11-02T05:00:00Z', { text: '能不能退运费 13812345678' }, { notCovered: true, cited: [] });
  await question('c2', 'q2', '2026-11-03T05:00:00Z', { text: '能不能退运费 13900001111' }, { notCovered: true, cited: [] });
  await question('c3', 'q3', '2026-11-10T05:00:00Z', { length: 9, sha256: 'abc123abc123abc1' }, { notCovered: false, cited: [] });
  await question('c4', 'q4', '2026-11-20T05:00:00Z', { text: '七天无理由怎么算' }, { notCovered: false, cited: ['消费者权益保护法第二十五条'] });
  await question('b1', 'q5', '2026-11-05T05:00:00Z', { text: '别的站点的问题' }, { notCovered: true, cited: [] });
}
