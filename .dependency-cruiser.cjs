/**
 * Import boundaries (`npm run lint:imports`): the folders say where code may run.
 * - src/cards, src/typeset, templates: the runtime-free core, also bundled into the Worker.
 * - src/worker: runs in workerd, which has no Node built-ins.
 * - src/typeset imports nothing above it; templates import only types and pure helpers.
 * - no import cycles anywhere.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle makes load order matter and layers blur: break it by moving the shared piece down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'runtime-free-core',
      severity: 'error',
      comment: 'src/cards, src/typeset, templates and src/worker run in workerd too: no Node built-ins (node:*).',
      from: { path: '^(src/(cards|typeset|worker)|templates)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'runtime-free-core-packages',
      severity: 'error',
      // lru-cache is not listed: it is plain JavaScript, and its "browser" export (which wrangler picks
      // for the Worker) has no Node built-ins.
      comment: 'Node-only packages belong in src/node, src/cli or src/export.',
      from: { path: '^(src/(cards|typeset|worker)|templates)/' },
      to: { path: 'node_modules/(@resvg/resvg-js|@hono/node-server|commander|cli-progress|csv-stringify|esbuild|tsx)/' },
    },
    {
      name: 'core-stays-below-runtimes',
      severity: 'error',
      comment: 'The core and the HTTP app know nothing of the runtime they run on.',
      from: { path: '^(src/(cards|typeset|http)|templates)/' },
      to: { path: '^src/(node|worker|cli|export)/' },
    },
    {
      name: 'typeset-is-a-leaf',
      severity: 'error',
      comment: 'The typesetter owns its types and imports nothing from above it.',
      from: { path: '^src/typeset/' },
      to: { path: '^(src/(?!typeset/)|templates/)' },
    },
    {
      name: 'templates-draw-only',
      severity: 'error',
      comment: 'Templates are plain functions from card data to elements: types and pure helpers, no engines.',
      from: { path: '^templates/' },
      to: { path: '^src/(http|node|worker|cli|export)/|node_modules/(satori|@resvg)' },
    },
    {
      name: 'worker-not-node',
      severity: 'error',
      comment: 'The Worker never reaches Node-only code.',
      from: { path: '^src/worker/' },
      to: { path: '^src/(node|cli|export)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
