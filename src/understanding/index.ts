/**
 * Offline understanding of one user message: intents, a dispute-category guess and slots, from rules
 * and the dictionaries in `knowledge/understanding/`. Pure: no LLM, no network, no clock. A model-backed
 * understander stands beside it behind the same async `Understand` type.
 */
export { understandOffline, understandOfflineSync, makeUnderstandOffline } from './understandOffline.js';
export { dictionaries, type UnderstandingDictionaries } from './dictionaries.js';
export {
  CategoriesFile,
  FlagsFile,
  IntentsFile,
  PlatformsFile,
  ProductsFile,
  SellerResponsesFile,
  SellerTypesFile,
  UrgentFile,
  WantsFile,
} from './dictionaries.js';
export {
  Intent,
  Urgent,
  SellerType,
  SlotName,
  SlotProblemCode,
  Slots,
  Want,
  type CategoryGuess,
  type SlotProblem,
  type Understand,
  type UnderstandSync,
  type UnderstandContext,
  type Understanding,
} from './types.js';
