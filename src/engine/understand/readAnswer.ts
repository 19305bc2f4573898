import { compileLexicon } from './compileLexicon.js';
import { dictionaries } from './dictionaries.js';
import { fillAwaited } from './fillAwaited.js';
import { normalizeText } from './normalizeText.js';
import type { SlotName, Slots } from './types.js';

const lexicon = compileLexicon(dictionaries);

/**
 * The message read as a bare answer to a question for `slot` (你的姓名是？ → 张三), with the shipped
 * dictionaries. For the slots the engine does not pass to `Understand` as awaited.
 */
export function readAnswer(message: string, slot: SlotName): Partial<Slots> {
  return fillAwaited(normalizeText(message), message, slot, {}, lexicon);
}
