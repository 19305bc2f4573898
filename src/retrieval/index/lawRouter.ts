/** Multinomial naive Bayes P(law | question terms), from the laws of the training golds. */
export type LawRouter = {
  questions: number;
  /** Questions per law; a question with golds in two laws counts ½ for each. */
  prior: Map<string, number>;
  termCounts: Map<string, Map<string, number>>;
  totals: Map<string, number>;
  background: Map<string, number>;
  backgroundTotal: number;
};

export const makeLawRouter = (): LawRouter => ({
  questions: 0,
  prior: new Map(),
  termCounts: new Map(),
  totals: new Map(),
  background: new Map(),
  backgroundTotal: 0,
});

/** Counts one training question: its terms toward each law its golds are in. */
export function addToRouter(router: LawRouter, terms: readonly string[], laws: readonly string[]): void {
  router.questions++;
  const share = 1 / laws.length;
  for (const law of laws) {
    router.prior.set(law, (router.prior.get(law) ?? 0) + share);
    const counts = router.termCounts.get(law) ?? new Map<string, number>();
    router.termCounts.set(law, counts);
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + share);
    router.totals.set(law, (router.totals.get(law) ?? 0) + share * terms.length);
  }
  for (const t of terms) router.background.set(t, (router.background.get(t) ?? 0) + 1);
  router.backgroundTotal += terms.length;
}

/** Dirichlet-style smoothing mass toward the background term distribution; small because laws have few questions. */
const ROUTER_SMOOTHING = 0.5;

/** log P(law | terms), normalized over the laws seen in training. */
export function routeLaws(router: LawRouter, terms: readonly string[]): Map<string, number> {
  const logits = new Map<string, number>();
  const vocab = router.background.size;
  let max = -Infinity;
  for (const [law, counts] of router.termCounts) {
    const total = router.totals.get(law) ?? 0;
    let s = Math.log((router.prior.get(law) ?? 0) / router.questions);
    for (const t of terms) {
      const background = ((router.background.get(t) ?? 0) + 0.5) / (router.backgroundTotal + 0.5 * vocab);
      s += Math.log(((counts.get(t) ?? 0) + ROUTER_SMOOTHING * background) / (total + ROUTER_SMOOTHING));
    }
    logits.set(law, s);
    max = Math.max(max, s);
  }
  let z = 0;
  for (const s of logits.values()) z += Math.exp(s - max);
  const logZ = max + Math.log(z);
  for (const [law, s] of logits) logits.set(law, s - logZ);
  return logits;
}
