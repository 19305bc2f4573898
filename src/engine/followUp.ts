/** A case number as we issue them, as people may type it: WQ-20261128-7K3P, wq20261128 7k3p. */
const CASE_NO = /\bWQ[-\s]?(\d{8})[-\s]?([2-9A-HJ-NP-Z]{4})\b/i;
const PHONE = /(?<!\d)(?:\+?86[-\s]?)?(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?!\d)/;

export type FollowUpRequest = { caseNo: string; phone: string | undefined };

/** A returning consumer naming their case: its number and (to prove it is theirs) the phone on it. */
export function findFollowUp(text: string): FollowUpRequest | undefined {
  const m = CASE_NO.exec(text);
  if (!m) return undefined;
  const phone = PHONE.exec(text);
  return { caseNo: `WQ-${m[1]}-${(m[2] ?? '').toUpperCase()}`, phone: phone ? `${phone[1]}${phone[2]}${phone[3]}` : undefined };
}
