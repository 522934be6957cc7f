export { rocAuc } from './auc.ts';
export { RandomForestClassifier, type RandomForestOptions, type TreeOptions } from './forest.ts';
export { createRng, deriveSeed, type Rng } from './random.ts';
