import type { DataCipher } from './dataCipher.js';
import { SEALED_PREFIX } from './dataCipher.js';

// Where the personal data kept after consent sits, and how each place is sealed. Readers open with
// `cipher.openDeep` (or `openSealedJson` for a value sealed whole); a value written before encryption
// (plain) opens as itself, so old rows keep working and `admin data reencrypt` seals them.

/** The dialog slots that hold identifiers (a shop's name is a business's, not a person's). */
export const SEALED_SLOTS = ['phone', 'complainantName', 'address', 'orderNumber', 'idNumber', 'email', 'bankCard'] as const;

const sealString = (cipher: DataCipher, v: unknown): unknown => (typeof v === 'string' && v.length > 0 && !v.startsWith(SEALED_PREFIX) ? cipher.seal(v) : v);

function sealKeys<T extends Record<string, unknown>>(cipher: DataCipher, obj: T | undefined, keys: readonly string[]): T | undefined {
  if (!obj || typeof obj !== 'object') return obj;
  let out: Record<string, unknown> | undefined;
  for (const k of keys) {
    if (typeof obj[k] !== 'string') continue;
    out ??= { ...obj };
    out[k] = sealString(cipher, obj[k]);
  }
  return (out as T | undefined) ?? obj;
}

/** A case record as stored: the complainant's contact and the order number sealed. */
export function sealCaseRecord<R>(cipher: DataCipher, record: R): R {
  const r = record as Record<string, unknown>;
  if (!r || typeof r !== 'object') return record;
  return {
    ...r,
    contact: sealKeys(cipher, r.contact as Record<string, unknown> | undefined, ['phone', 'name', 'address']),
    order: sealKeys(cipher, r.order as Record<string, unknown> | undefined, ['orderNumber']),
  } as R;
}

/** A stored dialog snapshot with its identifier slots sealed. */
export function sealSnapshot<S>(cipher: DataCipher, snapshot: S): S {
  const s = snapshot as { context?: { slots?: Record<string, unknown> } };
  if (!s?.context?.slots) return snapshot;
  return { ...s, context: { ...s.context, slots: sealKeys(cipher, s.context.slots, SEALED_SLOTS) } } as S;
}

/** Free text kept after consent (a message, an activity's text): sealed whole. */
export function sealText(cipher: DataCipher, text: string): string {
  return sealString(cipher, text) as string;
}

/** A JSON value sealed whole: `{ "$sealed": "wq:enc:…" }`. */
export type SealedJson = { $sealed: string };

/** A JSON value kept after consent and read back whole (the replies of a turn), sealed as one. */
export function sealJson(cipher: DataCipher, value: unknown): SealedJson {
  return { $sealed: cipher.seal(JSON.stringify(value)) };
}

const isSealedJson = (value: unknown): value is SealedJson =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as SealedJson).$sealed === 'string';

/** The value `sealJson` wrote, or any value with sealed strings inside, opened. */
export function openSealedJson<T>(cipher: DataCipher, value: unknown): T {
  if (isSealedJson(value)) return JSON.parse(cipher.open(value.$sealed)) as T;
  return cipher.openDeep(value) as T;
}

/** A channel activity as stored: its text, the attachment names and the sender's display name sealed. */
export function sealActivity(cipher: DataCipher, activity: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...activity };
  if (typeof activity.text === 'string') out.text = sealText(cipher, activity.text);
  if (activity.from && typeof activity.from === 'object') out.from = sealKeys(cipher, activity.from as Record<string, unknown>, ['name']);
  if (Array.isArray(activity.attachments))
    out.attachments = activity.attachments.map((a: unknown) => (a && typeof a === 'object' ? sealKeys(cipher, a as Record<string, unknown>, ['name']) : a));
  return out;
}

/** Everything a layer needs to seal what it writes and open what it reads, bound to one cipher. */
export type PersonalSeal = {
  /** A case record as stored (contact and order number sealed). */
  record<R>(record: R): R;
  /** A stored dialog snapshot (identifier slots sealed). */
  snapshot<S>(snapshot: S): S;
  /** Free text kept after consent. */
  text(text: string): string;
  /** A JSON value kept whole (a turn's replies), sealed as one. */
  json(value: unknown): SealedJson;
  /** A channel activity as stored. */
  activity(activity: Record<string, unknown>): Record<string, unknown>;
  /** Any stored value opened: sealed strings inside it, or a value sealed whole by `json`. */
  open<T>(value: T): T;
  /** The keyed hash a phone number is indexed by (newest key). */
  phoneIndex(phone: string): string;
  /** Its keyed hashes under every key of the ring (a lookup across a key rotation). */
  phoneIndexes(phone: string): string[];
};

/** Phone numbers are indexed in one form: digits only, without +86. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/[^\d]/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
}

export function makePersonalSeal(cipher: DataCipher): PersonalSeal {
  return {
    record: (r) => sealCaseRecord(cipher, r),
    snapshot: (s) => sealSnapshot(cipher, s),
    text: (t) => sealText(cipher, t),
    json: (v) => sealJson(cipher, v),
    activity: (a) => sealActivity(cipher, a),
    open: <T>(v: T) => openSealedJson<T>(cipher, v),
    phoneIndex: (p) => cipher.index(`phone:${normalizePhone(p)}`),
    phoneIndexes: (p) => cipher.indexes(`phone:${normalizePhone(p)}`),
  };
}
