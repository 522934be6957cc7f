// @retention/ml: the models' algorithms as plain functions over arrays. Nothing here reads a
// database, a clock or the environment; the server's jobs (server/src/ml/) read the data,
// call these, and store what they return.
export {
  type BoostingFit,
  type BoostingOptions,
  GradientBoostingClassifier,
} from './boosting/gbm.ts';
export { fitBaselines, fitLogistic } from './churn/baselines.ts';
export {
  type ChurnFigures,
  type ChurnRow,
  type FeatureName as ChurnFeatureName,
  featureNames as churnFeatureNames,
  featuresOf,
  named,
  noEvents,
} from './churn/features.ts';
export {
  type ChurnFit,
  type ChurnInput,
  type ChurnJudgement,
  fitChurn,
  judgeChurn,
  type ModelEvaluation,
  minLift,
  needEnough,
  type Verdict,
} from './churn/fit-churn.ts';
export {
  type Baseline,
  type FittedModel,
  fitBoosting,
  fitForest,
  type ModelName,
  type Split,
  type TreeName,
} from './churn/models.ts';
export { type Reason, reasonsFor, typicalValues } from './churn/reasons.ts';
export {
  type BgNbdFit,
  type BgNbdParams,
  bgnbdLogLikelihood,
  expectedPurchases,
  expectedPurchasesNew,
  fitBgNbd,
  pAlive,
  type Summary,
} from './clv/bgnbd.ts';
export {
  expectedOrderValue,
  fitGammaGamma,
  type GammaGammaFit,
  type GammaGammaParams,
  gammaGammaLogLikelihood,
  type Spend,
} from './clv/gamma-gamma.ts';
export {
  type Forecast,
  type Holdout,
  type HoldoutOptions,
  type HoldoutRow,
  runHoldout,
} from './clv/holdout.ts';
export {
  type ClvHistory,
  type ClvScore,
  daysPerUnit,
  type Season,
  scoreCustomer,
} from './clv/score-customer.ts';
export { detectSeasonality, type Seasonality, seasonalExpected } from './clv/seasonality.ts';
export {
  estimate as estimateElasticity,
  minimum as elasticityMinimum,
  type ProductElasticity,
  type SpellRow,
} from './elasticity/estimate.ts';
export { olsSlope, type Slope, t975 } from './elasticity/regression.ts';
export {
  type AtShare,
  type AtThreshold,
  atShare,
  atThreshold,
  averageRanks,
  bestF1Threshold,
  brier,
  calibrate,
  fitPlatt,
  type Importance,
  type Platt,
  pearson,
  permutationImportance,
  prAuc,
  type ReliabilityBin,
  reliability,
  rocAuc,
  shareThreshold,
  spearman,
} from './evaluate.ts';
export {
  RandomForestClassifier,
  type RandomForestOptions,
  type TreeOptions,
} from './forest/index.ts';
export { type MinimizeOptions, type MinimizeResult, minimize } from './nelder-mead.ts';
export { createRng, deriveSeed, type Rng } from './random.ts';
export { evaluateRecs } from './recs/evaluate-recs.ts';
export {
  buildModel,
  contentSimilarity,
  type Item,
  type Purchase,
  type Recommendation,
  type RecsModel,
  recommend,
} from './recs/model.ts';
export { distance } from './segments/distance.ts';
export {
  featureNames as segmentFeatureNames,
  type Scaling,
  standardise,
} from './segments/features.ts';
export {
  fitSegments,
  nameOf,
  type SegmentsFit,
  type SegmentsFitOptions,
} from './segments/fit-segments.ts';
export { fitOutliers, isOutlier, mostUnusual, type OutlierModel } from './segments/outliers.ts';
export { silhouette } from './segments/silhouette.ts';
export { hyp2f1, lgamma, logSumExp } from './special.ts';
