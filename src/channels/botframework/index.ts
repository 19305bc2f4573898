export { makeBotFrameworkEndpoint } from './makeBotFrameworkEndpoint.js';
export type { BotFrameworkCredentials, BotFrameworkEndpoint, BotFrameworkRequest, BotFrameworkResponse } from './makeBotFrameworkEndpoint.js';
export { isLocalRequest, isLoopbackAddress } from './isLoopbackAddress.js';
export { WeiquanBot } from './weiquanBot.js';
export { CITATION_CONTENT_TYPE } from './toActivities.js';
export type { HandoffContext, HubHandoff, TranscriptLine } from './hubHandoff.js';
