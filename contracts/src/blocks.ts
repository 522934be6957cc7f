// The dashboard's blocks that open alone at /block/:name in the Mini App: what the bot's
// /screenshot offers and the server's screenshotter pictures.
export const blockNames = [
  'kpis',
  'trends',
  'cohorts',
  'ltv',
  'segments',
  'at-risk',
  'campaigns',
  'breakdown',
] as const;
export type BlockName = (typeof blockNames)[number];

export function isBlockName(name: string): name is BlockName {
  return (blockNames as readonly string[]).includes(name);
}
