// The dependency graph check: no cycles between folders (a folder is a stage or a feature, and two
// stages that need each other are one stage split in the wrong place) and none between files.
// The per-layer allow-list lives in eslint.config.mjs; this file only looks at the graph's shape.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'Folders depend on each other in one direction only; move the shared piece down a level.',
      scope: 'folder',
      from: { path: '^(src|bench|scripts)/' },
      to: { circular: true },
    },
    {
      name: 'no-file-cycles',
      severity: 'error',
      comment: 'Modules that import each other cannot be understood, tested or loaded one at a time. A cycle through type-only imports loads fine, so only a folder cycle counts those.',
      from: { path: '^(src|bench|scripts)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing breaks at run time, not at build time.',
      from: {},
      // tsx's CommonJS API is found by Node's require (scripts/cli.mjs's fallback); the cruiser's resolver misses its conditional export.
      to: { couldNotResolve: true, pathNot: '^tsx/cjs/api$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|node_modules|test-results|reports)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json', '.d.ts'] },
  },
};
