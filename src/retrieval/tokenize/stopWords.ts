/**
 * Function words and question frames that say nothing about which article answers a question
 * (怎么办, 是否, 可以吗 …). Hand-written and general: nothing here comes from the eval questions.
 * Content words that look like function words in law text (应当, 不得, 有权) are kept: they carry
 * the modality a question asks about.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `的 地 得 了 着 过 吗 呢 吧 啊 呀 哦 嘛 么 哈 啦 嘞 呗 咧
  是 在 有 和 与 及 或 或者 并 并且 而 而且 但 但是 可是 如果 假如 要是 因为 所以 因此 那么 然后 还是 还有 以及
  我 你 您 他 她 它 我们 你们 他们 她们 咱们 自己 本人 人家 大家 某 某某
  这 那 这个 那个 这些 那些 这样 那样 这种 那种 此 其 之 该 各
  什么 怎么 怎么办 怎样 怎么样 如何 为什么 为何 哪 哪些 哪个 哪里 哪儿 多少 几 几个 谁
  是否 是不是 能否 能不能 可否 可不可以 可以 会不会 有没有 要不要 行不行 算不算 对不对
  请问 请教 咨询 问 问题 一下 想 想问 想知道 知道 谢谢 麻烦 怎么回事 情况 现在 目前 已经 还 又 也 都 就 才 再 很 太 非常 比较 一直 一个 一些 一点
  会 能 要 应该 需要 得到 给 把 被 让 对 对于 从 向 到 跟 同 为 以 于 由 用 按 按照 根据 关于 吗？`
    .split(/\s+/)
    .filter(Boolean),
);
