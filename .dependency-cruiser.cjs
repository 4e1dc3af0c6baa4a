/**
 * Layering: shared ← electron ← renderer, as VS Code's common/node/electron-main.
 * `npm run lint:layers` (part of `npm test`) fails on any violation.
 */
const NODE_BUILTINS = '^(node:|(assert|buffer|child_process|cluster|crypto|dgram|dns|events|fs|http|http2|https|module|net|os|path|perf_hooks|process|querystring|readline|stream|string_decoder|timers|tls|tty|url|util|v8|vm|worker_threads|zlib)(/|$))';

module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'shared/ may import only shared/ and pure npm packages: no Node built-ins, Electron, DOM libraries, or app layers.',
      severity: 'error',
      from: { path: '^shared/' },
      to: {
        pathNot: ['^shared/', '(^|/)node_modules/(zod|@date-fns/tz|date-fns)/'],
      },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-not-to-electron',
      comment: 'The renderer reaches the backend only through its API client.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: ['^electron/', '(^|/)node_modules/electron/'] },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      from: { path: '^renderer/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'services-never-import-electron',
      comment: 'Node services and the browser host run in plain Node; only electron/main and electron/preload may use Electron.',
      severity: 'error',
      from: { path: '^electron/(services|host)/' },
      to: { path: ['(^|/)node_modules/electron/', '^electron/(main|preload)/'] },
    },
    {
      name: 'services-unresolvable-electron',
      severity: 'error',
      from: { path: '^electron/(services|host)/' },
      to: { path: '^electron$', couldNotResolve: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.base.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'] },
    exclude: { path: ['\\.css$'] },
  },
};
