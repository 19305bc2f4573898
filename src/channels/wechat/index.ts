export { makeOfficialAccount, type OfficialAccount, type CallbackAnswer, DEFAULT_REPLY_DEADLINE_MS } from './officialAccount.js';
export { makeWechatApps, AppSecrets, type WechatApps, type WechatApp } from './apps.js';
export { makeWechatApi, type WechatApi } from './api.js';
export { makeAccessTokens, type AccessTokens } from './accessToken.js';
export { makeSecretBox, parseSecretKeys, type SecretBox } from './secretBox.js';
export { XML_MAX_BYTES } from './xml.js';
