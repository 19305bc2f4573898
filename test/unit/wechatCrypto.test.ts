import { describe, expect, it } from 'vitest';
import { isEncodingAesKey, messageSignature, openEnvelope, plainSignature, sameSignature, sealEnvelope } from '../../src/channels/wechat/crypto.js';
import { makeSecretBox } from '../../src/channels/wechat/secretBox.js';
import { buildWechatXml, parseWechatXml } from '../../src/channels/wechat/xml.js';

// The official WXBizMsgCrypt sample (Sample.cs / Sample.py of the 公众平台 and 企业微信 downloads).
const SAMPLE = {
  token: 'QDG6eK',
  appId: 'wx5823bf96d3bd56c7',
  aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  msgSignature: '477715d11cdb4164915debcba66cb864d751f3e6',
  timestamp: '1409659813',
  nonce: '1372623149',
  encrypt:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
};

describe('WeChat message crypto against the official sample vectors', () => {
  it('computes the sample msg_signature and opens the sample message', () => {
    expect(messageSignature(SAMPLE.token, SAMPLE.timestamp, SAMPLE.nonce, SAMPLE.encrypt)).toBe(SAMPLE.msgSignature);
    const opened = openEnvelope(SAMPLE.aesKey, SAMPLE.appId, SAMPLE.encrypt);
    const xml = parseWechatXml(opened!);
    expect(xml).toMatchObject({ ToUserName: 'wx5823bf96d3bd56c7', FromUserName: 'mycreate', MsgType: 'text', Content: 'hello', MsgId: '4561255354251345929' });
  });

  it('refuses the sample for another receiver, a flipped byte, a wrong key and junk', () => {
    expect(openEnvelope(SAMPLE.aesKey, 'wx0000000000000000', SAMPLE.encrypt)).toBeUndefined();
    const flipped = Buffer.from(SAMPLE.encrypt, 'base64');
    flipped[flipped.length - 1]! ^= 0xff;
    expect(openEnvelope(SAMPLE.aesKey, SAMPLE.appId, flipped.toString('base64'))).toBeUndefined();
    expect(openEnvelope('a'.repeat(43), SAMPLE.appId, SAMPLE.encrypt)).toBeUndefined();
    for (const junk of ['', 'abc', '!!!!', 'AAAA', 'A'.repeat(22) + '==']) expect(openEnvelope(SAMPLE.aesKey, SAMPLE.appId, junk)).toBeUndefined();
  });

  it('round-trips a sealed reply, Chinese included (lengths are bytes)', () => {
    const xml = buildWechatXml({
      ToUserName: 'o_user',
      FromUserName: 'gh_x',
      CreateTime: 1,
      MsgType: 'text',
      Content: '测试一下中文，消息长度按字节算 ]]> 也行',
    });
    const sealed = sealEnvelope(SAMPLE.aesKey, SAMPLE.appId, xml);
    expect(openEnvelope(SAMPLE.aesKey, SAMPLE.appId, sealed)).toBe(xml);
    expect(parseWechatXml(xml)?.Content).toBe('测试一下中文，消息长度按字节算 ]]> 也行');
  });

  it('signs the URL check as sha1 over the sorted token, timestamp and nonce', () => {
    // sha1("1409659813" + "1372623149" + "QDG6eK" sorted) computed independently.
    const sig = plainSignature('QDG6eK', '1409659813', '1372623149');
    expect(sig).toMatch(/^[0-9a-f]{40}$/);
    expect(plainSignature('QDG6eK', '1372623149', '1409659813')).toBe(sig);
    expect(sameSignature(sig, sig.toUpperCase())).toBe(true);
    expect(sameSignature(sig, sig.slice(0, 39))).toBe(false);
    expect(sameSignature(sig, undefined)).toBe(false);
  });

  it('knows an EncodingAESKey when it sees one', () => {
    expect(isEncodingAesKey(SAMPLE.aesKey)).toBe(true);
    expect(isEncodingAesKey(SAMPLE.aesKey.slice(1))).toBe(false);
    expect(isEncodingAesKey(`${SAMPLE.aesKey}=`)).toBe(false);
  });
});

describe('WeChat XML', () => {
  it('keeps 64-bit MsgIds as strings and reads nested events', () => {
    const xml = parseWechatXml('<xml><MsgId>9223372036854775807</MsgId><ScanCodeInfo><ScanType>qrcode</ScanType></ScanCodeInfo></xml>');
    expect(xml).toEqual({ MsgId: '9223372036854775807', ScanCodeInfo: { ScanType: 'qrcode' } });
  });

  it('refuses DOCTYPEs and entity declarations (XXE, billion laughs), oversized bodies, non-XML and other roots', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Content>&x;</Content></xml>';
    const lol = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><xml><a>&lol2;</a></xml>';
    for (const bad of [xxe, lol, '<xml><a>1</a>', 'not xml', '<root><a>1</a></root>', `<xml><a>${'x'.repeat(70_000)}</a></xml>`, ''])
      expect(parseWechatXml(bad)).toBeUndefined();
  });
});

describe('the secret box', () => {
  const k1 = Buffer.alloc(32, 1);
  const k2 = Buffer.alloc(32, 2);
  it('opens what it sealed, only in the same context, and after a key rotation', () => {
    const box = makeSecretBox([k1]);
    const sealed = box.seal('app secret 密钥', 'wechat_apps:s1:mp:current');
    expect(sealed).not.toContain('app secret');
    expect(box.open(sealed, 'wechat_apps:s1:mp:current')).toBe('app secret 密钥');
    expect(() => box.open(sealed, 'wechat_apps:s2:mp:current')).toThrow();
    const rotated = makeSecretBox([k2, k1]);
    expect(rotated.open(sealed, 'wechat_apps:s1:mp:current')).toBe('app secret 密钥');
    expect(() => makeSecretBox([k2]).open(sealed, 'wechat_apps:s1:mp:current')).toThrow(/unknown key/);
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(tampered, 'wechat_apps:s1:mp:current')).toThrow();
  });
  it('refuses keys that are not 32 bytes', () => {
    expect(() => makeSecretBox([Buffer.alloc(16)])).toThrow(/32 bytes/);
    expect(() => makeSecretBox([])).toThrow();
  });
});
