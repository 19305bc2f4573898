import { describe, expect, it } from 'vitest';
import { makeDataCipher, parseKeyRing, SEALED_PREFIX } from '../../src/cases/crypto/dataCipher.js';
import { makePersonalSeal } from '../../src/cases/crypto/sealPersonal.js';
import { findCase, findCaseByNumberAndPhone } from '../../src/cases/sql/caseStore.js';
import { resealAll } from '../../src/cases/sql/reseal.js';
import { makeActivityLog } from '../../src/channels/directline/activityLog.js';
import { collectingChannel, makeTestEngine } from '../helpers/engine.js';
import { testCipher, testKey, testSeal } from '../helpers/testSeal.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();

const NAME = '李娜';
const PHONE = '13912345678';
const ADDRESS = '杭州市西湖区文三路90号3单元502';
const ORDER = '240918335566778899';
const IDENTIFIERS = [NAME, PHONE, ADDRESS, ORDER];

/** Every stored byte of the tables that keep a conversation or a case, as text. */
async function everything(): Promise<string> {
  const rows = await t.db.query<{ text: string }>(
    `select string_agg(x, ' ') as text from (
       select snapshot::text as x from conversations
       union all select record::text || coalesce(snapshot::text, '') || coalesce(phone_hash, '') from cases
       union all select payload::text from turn_events
       union all select replies::text from processed_turns
       union all select activity::text from channel_activities
       union all select original_name from evidence_files
       union all select payload::text from case_events) s`,
  );
  return rows.rows[0]?.text ?? '';
}

/** The whole 12315 ladder with consent, the complainant's name, phone and address, and an order number. */
async function fileCase(id: string) {
  const engine = await makeTestEngine(t.db);
  const c = collectingChannel(engine, id);
  for (const text of [
    '在吗',
    `上个月25号在拼多多买了一台299的破壁机，订单号${ORDER}，物流显示签收了，但我根本没收到`,
    '物流记录和聊天记录都截图了',
    '可以，同意',
    '跟商家说了，他说快递签收了就不归他管',
    '平台客服让我自己去找快递，等于没管',
    NAME,
    PHONE,
    ADDRESS,
    '店铺叫“好厨优选家电专营店”',
    '广东省佛山市顺德区北滘镇工业大道18号',
  ])
    await c.say(text);
  const last =
    c.transcript
      .at(-1)
      ?.bot.map((r) => r.text)
      .join('\n') ?? '';
  const caseNo = (await t.db.query<{ case_no: string }>('select case_no from cases where conversation_id = $1', [id])).rows[0]?.case_no ?? '';
  return { engine, c, last, caseNo };
}

describe('personal data at rest (AES-256-GCM, keyed phone index)', () => {
  it('stores no identifier in plain text after consent, and reads every one back', async () => {
    const { c, last, caseNo } = await fileCase('enc-ladder');
    // The replies the consumer sees carry the details (the 12315 complaint text).
    expect(last).toContain(`投诉人：${NAME}；联系电话：${PHONE}；通信地址：${ADDRESS}`);
    // A log of the conversation through the Direct Line channel's activity log.
    const log = makeActivityLog({ db: t.db, wirePayload: (p) => p, seal: testSeal });
    await log.append('enc-ladder', [
      { clientId: 'u1', activity: { type: 'message', from: { id: 'u', role: 'user', name: NAME }, text: `我叫${NAME}，电话${PHONE}` } },
      { clientId: 'b1', activity: { type: 'message', from: { id: 'weiquan', role: 'bot' }, text: last }, replyToFirst: true },
    ]);
    await t.db.query(
      `insert into evidence_files (id, conversation_id, sha256, content_type, size, original_name, storage_path) values ('ev_enc', 'enc-ladder', $1, 'image/png', 1, $2, 'x')`,
      ['a'.repeat(64), testSeal.text(`${NAME}-身份证.png`)],
    );

    const stored = await everything();
    expect(stored.length).toBeGreaterThan(1000);
    for (const identifier of IDENTIFIERS) expect(stored, identifier).not.toContain(identifier);
    expect(stored).toContain(SEALED_PREFIX);
    // The phone index is an HMAC under the ring's key, not an unkeyed hash anyone can recompute.
    const hash = (await t.db.query<{ phone_hash: string }>('select phone_hash from cases where case_no = $1', [caseNo])).rows[0]?.phone_hash;
    expect(hash).toBe(testSeal.phoneIndex(PHONE));
    expect(hash).not.toBe(makePersonalSeal(makeDataCipher([Buffer.alloc(32, 9)])).phoneIndex(PHONE));

    // Every reader opens it.
    const found = await findCase(t.db, testSeal, caseNo);
    expect(found?.record.contact).toEqual({ phone: PHONE, name: NAME, address: ADDRESS });
    expect((await findCaseByNumberAndPhone(t.db, testSeal, caseNo, PHONE))?.caseNo).toBe(caseNo);
    expect(await findCaseByNumberAndPhone(t.db, testSeal, caseNo, '13900000000')).toBeUndefined();
    const page = await log.readAfter('enc-ladder', 0);
    expect(page.activities.map((a) => a.text)).toEqual([`我叫${NAME}，电话${PHONE}`, last]);
    expect((page.activities[0]?.from as { name?: string }).name).toBe(NAME);

    // The engine reads its own sealed state: a retried turn answers from the sealed replies, the next turn goes on.
    const again = await c.say('12315受理了，调解后商家给我退款了');
    expect(again.stage).toBe('resolved');
    expect((await findCase(t.db, testSeal, caseNo))?.record.contact.phone).toBe(PHONE);
  });

  it('finds a case again by number and phone from a new conversation', async () => {
    const { engine, caseNo } = await fileCase('enc-follow');
    const other = collectingChannel(engine, 'enc-follow-2');
    const result = await other.say(`我的案件号${caseNo}，手机${PHONE}`);
    expect(result.replies.map((r) => r.text).join('\n')).toContain(caseNo);
    expect(result.caseNo).toBe(caseNo);
  });

  it('rotates keys: new writes use the newest, old rows still open, reencrypt moves them all, then the old key can go', async () => {
    const { caseNo } = await fileCase('enc-rotate');
    const newKey = Buffer.alloc(32, 42);
    const ring = makeDataCipher([newKey, testKey]);
    const ringSeal = makePersonalSeal(ring);
    // Old rows open with the ring; a lookup by phone works across the rotation.
    expect((await findCase(t.db, ringSeal, caseNo))?.record.contact.name).toBe(NAME);
    expect((await findCaseByNumberAndPhone(t.db, ringSeal, caseNo, PHONE))?.caseNo).toBe(caseNo);
    expect(ringSeal.text('x')).toMatch(new RegExp(`^${SEALED_PREFIX}${ring.currentKeyId}:`));

    const dry = await resealAll(t.db, ring, ringSeal, { dryRun: true });
    expect(dry.cases?.resealed).toBeGreaterThan(0);
    const report = await resealAll(t.db, ring, ringSeal);
    expect(report.conversations?.resealed).toBeGreaterThan(0);
    expect(report.cases?.resealed).toBeGreaterThan(0);
    expect(report.turn_events?.resealed).toBeGreaterThan(0);
    expect(report.processed_turns?.resealed).toBeGreaterThan(0);
    // Nothing left under the old key.
    const stored = await everything();
    expect(stored).not.toContain(`${SEALED_PREFIX}${testCipher.currentKeyId}:`);
    for (const identifier of IDENTIFIERS) expect(stored).not.toContain(identifier);
    const again = await resealAll(t.db, ring, ringSeal);
    expect(Object.values(again).every((r) => r.resealed === 0)).toBe(true);

    // The new key alone reads everything, and finds the case by phone.
    const onlyNew = makePersonalSeal(makeDataCipher([newKey]));
    expect((await findCase(t.db, onlyNew, caseNo))?.record.contact).toEqual({ phone: PHONE, name: NAME, address: ADDRESS });
    expect((await findCaseByNumberAndPhone(t.db, onlyNew, caseNo, PHONE))?.caseNo).toBe(caseNo);
    // The old key alone cannot.
    await expect(findCase(t.db, testSeal, caseNo)).rejects.toThrow(/not in DATA_ENCRYPTION_KEY/);
    // Back to the test key for the rest of this file.
    const back = makeDataCipher([testKey, newKey]);
    await resealAll(t.db, back, makePersonalSeal(back));
  });

  it('seals rows written before encryption (plain values and unkeyed phone hashes)', async () => {
    await t.db.query(
      `insert into conversations (id, channel, machine_id, machine_version, snapshot, consent) values ('enc-legacy', 'test', 'rights', 2, $1, 'given')`,
      [JSON.stringify({ machine: 'rights', version: 2, value: 'external', context: { slots: { phone: PHONE, complainantName: NAME } } })],
    );
    await t.db.query(
      `insert into cases (case_no, conversation_id, status, category, record, phone_hash) values ('WQ-20200101-LEGA', 'enc-legacy', 'open', 'other', $1, 'deadbeef')`,
      [JSON.stringify({ category: 'other', contact: { phone: PHONE, name: NAME }, order: { orderNumber: ORDER } })],
    );
    await t.db.query(`insert into processed_turns (conversation_id, turn_id, replies) values ('enc-legacy', 't1', $1)`, [
      JSON.stringify([{ text: `电话${PHONE}` }]),
    ]);
    expect((await findCase(t.db, testSeal, 'WQ-20200101-LEGA'))?.record.contact.phone).toBe(PHONE);
    await resealAll(t.db, testCipher, testSeal);
    const legacy = await t.db.query<{ text: string }>(
      `select (select snapshot::text from conversations where id = 'enc-legacy') || (select record::text || phone_hash from cases where case_no = 'WQ-20200101-LEGA')
              || (select replies::text from processed_turns where conversation_id = 'enc-legacy') as text`,
    );
    for (const identifier of [PHONE, NAME, ORDER]) expect(legacy.rows[0]?.text).not.toContain(identifier);
    expect((await findCaseByNumberAndPhone(t.db, testSeal, 'WQ-20200101-LEGA', PHONE))?.record.contact.name).toBe(NAME);
  });

  it('parses a key ring and refuses a bad one', () => {
    expect(parseKeyRing(`${Buffer.alloc(32, 1).toString('base64')}, ${Buffer.alloc(32, 2).toString('hex')}`)).toHaveLength(2);
    expect(() => parseKeyRing('c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseKeyRing(`${testKey.toString('base64')},${testKey.toString('base64')}`)).toThrow(/twice/);
    // Tampering with a sealed value is detected (GCM tag), never opened as something else.
    const sealed = testCipher.seal(PHONE);
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => testCipher.open(tampered)).toThrow();
  });
});
