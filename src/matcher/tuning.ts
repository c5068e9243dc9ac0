// The similarity model's constants. Where each came from: src/matcher/README.md.

export const TUNING = {
  /** How much of an intent's score comes from its single closest phrasing vs. its centroid. */
  nearestShare: 0.6,
  /** Out-of-vocabulary query features count this much of a never-seen feature's idf: they dilute the match. */
  oovDamping: 0.6,
  /** Keywords join the intent centroid with this weight relative to one phrasing. */
  keywordDocWeight: 1.5,
  /** Weight per feature kind, in kind order: Han unigram, Han bigram, ASCII word, lexicon term. */
  featureWeights: [0.3, 1, 1, 1.6],
  /** Lexicon terms too common to point at any intent (they still count as n-grams). */
  genericTerms: ['小红书'],
  /** Share of the score from the logistic-regression model over the same vectors (see linear-model.ts). */
  linearShare: 0.5,
  /** SGD passes and step size of that model; the weights are averaged over all steps. */
  linearEpochs: 3,
  linearRate: 8,
  /** SGD passes and step size of the scope model (scope-model.ts), averaged likewise. */
  scopeEpochs: 8,
  scopeRate: 4,
} as const
