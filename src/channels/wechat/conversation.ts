import { createHash } from 'node:crypto';

/**
 * The conversation id of a WeChat user at a site: a hash of the site and the user's OpenID (or WeCom
 * external_userid). The id itself is never stored, so no table holds a WeChat identifier; the channel
 * addresses the user with the id each callback carries.
 */
export function wechatConversationId(prefix: 'wx' | 'wk', siteId: string, userId: string): string {
  return `${prefix}_${createHash('sha256').update(`${siteId}\n${userId}`).digest('base64url').slice(0, 32)}`;
}

/** A stable key for a callback that has no MsgId (an event): a hash of who sent it, when, and what. */
export function eventKey(parts: readonly string[]): string {
  return `ev:${createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 32)}`;
}
