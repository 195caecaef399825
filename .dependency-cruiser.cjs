/**
 * The layering of ARCHITECTURE.md, enforced in `npm test`: imports only go downward.
 * Tests (*.test.ts, test/) may reach anything they exercise.
 */
const notTest = '\\.test\\.tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'shared/ is pure TypeScript: no Node or browser API, no other layer; only zod and the audited pure-JS crypto of @noble.',
      severity: 'error',
      from: { path: '^shared/', pathNot: notTest },
      to: { pathNot: ['^shared/', '^node_modules/zod/', '^node_modules/@noble/(curves|hashes)/'] },
    },
    {
      name: 'renderer-only-through-bridge',
      comment: 'The UI reaches the machine only through the Bridge: no Node, no Electron, no other layer.',
      severity: 'error',
      from: { path: '^renderer/', pathNot: notTest },
      to: { pathNot: ['^renderer/', '^shared/', '^node_modules/'] },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^renderer/', pathNot: notTest },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-no-electron-package',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'services-without-electron',
      comment: 'electron/services and the web host run in plain Node too, so they never import electron.',
      severity: 'error',
      from: { path: '^electron/(services|web-host)/' },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'electron-layer',
      severity: 'error',
      from: { path: '^electron/', pathNot: notTest },
      to: { path: '^(renderer|server|test|build)/' },
    },
    {
      name: 'printers-layer',
      severity: 'error',
      from: { path: '^printers/', pathNot: notTest },
      to: { path: ['^(renderer|electron|server|test|build)/', '^node_modules/electron/'] },
    },
    {
      name: 'server-layer',
      comment: 'The centre renders its reports with the desk report renderer (printers/pdf), so both print alike; nothing else of printers/.',
      severity: 'error',
      from: { path: '^server/', pathNot: notTest },
      to: { path: ['^(renderer|electron|test|build)/', '^printers/(?!pdf/)', '^node_modules/electron/'] },
    },
    {
      name: 'nobody-imports-tests',
      severity: 'error',
      from: { pathNot: ['^test/', notTest] },
      to: { path: ['^test/', notTest] },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^node_modules/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
