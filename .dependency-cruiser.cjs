// The dependency order of the repository, written down once and checked by `npm run lint`
// (dependency-cruiser). Two kinds of rule:
//
// 1. Packages: what each workspace may import of the others.
// 2. server/src in layers, top to bottom. A module may import its own folder and anything
//    in a layer below its own, never a layer above: read the server top-down from the
//    entry points to the base. One folder per layer, so two folders can never import
//    each other.
//
// The layers of server/src, highest first (a folder name, or a file name at the top of src):
const serverLayers = [
  ['server.ts', 'app.ts', 'cli'], // entry points: listen, build the app, the commands
  ['routes', 'plugins', 'bot-adapter'], // adapters: HTTP (Fastify) and the bot's services
  ['alerts'], // alert and digest schedules and sending
  ['campaigns'], // retention campaigns, their targeting and offers
  ['ml'], // training jobs and model scores (the algorithms are @retention/ml)
  ['import'], // CSV imports, on top of ingestion's writers
  ['services'], // customers, offers, audit, API keys: one business function per file
  ['analytics'], // metrics, reports and their SQL
  ['ingest'], // validated writes of customers, orders, events, products
  ['screenshots'], // Mini App blocks as pictures
  ['auth'], // identity, roles and what a viewer may see
  ['lib', 'config.ts', 'errors.ts'], // the base: helpers, configuration, application errors
];

const escapeDots = (s) => s.replace(/[.]/g, '\\.');
const pathOf = (names) =>
  `^server/src/(${names.map((n) => (n.endsWith('.ts') ? `${escapeDots(n)}$` : `${n}/`)).join('|')})`;

const layerRules = serverLayers.slice(1).map((layer, i) => ({
  name: `server-layer-${layer[0].replace('.ts', '')}`,
  comment: `server/src/${layer.join(', ')} may not import a layer above it (.dependency-cruiser.cjs lists the layers)`,
  severity: 'error',
  from: { path: pathOf(layer) },
  to: { path: pathOf(serverLayers.slice(0, i + 1).flat()) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles make an order no reader can follow.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'bot-imports-no-server',
      comment: 'The bot gets its data through the services it is given (bot/src/services.ts).',
      severity: 'error',
      from: { path: '^bot/src/' },
      to: { path: '^(server|prisma|miniapp)/' },
    },
    {
      name: 'ml-is-pure',
      comment: '@retention/ml is algorithms only: no database, server, bot or Mini App.',
      severity: 'error',
      from: { path: '^ml/(src|test|bench)/' },
      to: { path: '^(server|prisma|bot|miniapp)/' },
    },
    {
      name: 'miniapp-talks-http',
      comment: 'The Mini App reaches the server over HTTP only.',
      severity: 'error',
      from: { path: '^miniapp/src/' },
      to: { path: '^(server|prisma|bot|ml)/' },
    },
    {
      name: 'contracts-stand-alone',
      comment: '@retention/contracts is what the packages agree on: it imports none of them.',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: '^(server|prisma|bot|miniapp|ml)/' },
    },
    {
      name: 'database-knows-no-app',
      comment: '@retention/db is the bottom: it imports no other workspace.',
      severity: 'error',
      from: { path: '^prisma/src/' },
      to: { path: '^(server|bot|miniapp|ml)/' },
    },
    {
      name: 'miniapp-lib-below-features',
      comment: "The Mini App's lib/ and components/ are shared by every feature: they import none.",
      severity: 'error',
      from: { path: '^miniapp/src/(lib|components)/' },
      to: { path: '^miniapp/src/(features|app)/' },
    },
    {
      name: 'miniapp-features-below-app',
      severity: 'error',
      from: { path: '^miniapp/src/features/' },
      to: { path: '^miniapp/src/app/' },
    },
    {
      name: 'miniapp-features-apart',
      comment:
        "Features do not import each other, but for the freshness line every screen shows (live/) and the client view, which shows the customer card's parts.",
      severity: 'error',
      from: { path: '^miniapp/src/features/([^/]+)/', pathNot: '^miniapp/src/features/client/' },
      to: {
        path: '^miniapp/src/features/([^/]+)/',
        pathNot: ['^miniapp/src/features/$1/', '^miniapp/src/features/live/'],
      },
    },
    {
      name: 'miniapp-client-view-apart',
      comment: "The client view may use the customer card's parts and live/, no other feature.",
      severity: 'error',
      from: { path: '^miniapp/src/features/client/' },
      to: {
        path: '^miniapp/src/features/',
        pathNot: '^miniapp/src/features/(client|customer|live)/',
      },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|generated)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
    },
  },
};
