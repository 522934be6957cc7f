export * from './api/index.ts';
export * from './blocks.ts';
export * from './filters.ts';
export * from './kpis.ts';
export * from './lang.ts';
export * from './roles.ts';
