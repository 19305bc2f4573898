export { makeSites, DEMO_SITE_ID, type Sites } from './makeSites.js';
export { Origin } from './origins.js';
export type { Site, SiteWithSecret } from './types.js';
