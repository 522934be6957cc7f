export { RandomForestClassifier, type RandomForestOptions, type TreeOptions } from './forest.ts';
