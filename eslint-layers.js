// The one direction imports may run between the top-level trees (ARCHITECTURE.md, "Layers"):
//   implementations  (reach the harness only through its protocol and CLI: import no harness module)
//   src/cli          (on top: may import everything below)
//   suites, reporters (import the src/ core only; never src/cli, never each other)
//   src/ core        (emulator, http, schemas, results, runner, load, ...: nothing above it)
// test/ and bench/ may import anything; nothing imports them.
import importPlugin from 'eslint-plugin-import';

// Every src/ file but src/cli/ and src/index.ts (the public surface, which re-exports from each layer).
const core = ['./src/!(cli)/**/*', './src/!(index).ts'];
const above = ['./src/cli', './suites', './reporters', './implementations', './test', './bench'];

/** `import/no-restricted-paths` zones; exported so a test can check the rule on a deliberate upward import. */
export const layerZones = [
  ...above.map((from) => ({
    target: core,
    from,
    message: 'the src/ core imports nothing above it (see ARCHITECTURE.md, "Layers")',
  })),
  ...['./src/cli', './implementations', './reporters', './test', './bench'].map((from) => ({
    target: './suites',
    from,
    message: 'suites import the src/ core only (see ARCHITECTURE.md, "Layers")',
  })),
  ...['./src/cli', './implementations', './suites', './test', './bench'].map((from) => ({
    target: './reporters',
    from,
    message: 'reporters import the src/ core only (see ARCHITECTURE.md, "Layers")',
  })),
  ...['./src', './suites', './reporters', './contracts', './test', './bench'].map((from) => ({
    target: './implementations',
    from,
    message: 'implementations reach the harness only through its protocol and CLI (see ARCHITECTURE.md, "Layers")',
  })),
  ...['./test', './bench'].map((from) => ({
    target: './src/cli',
    from,
    message: 'the product imports no test or bench code',
  })),
  {
    target: './contracts',
    from: ['./src/cli', './suites', './reporters', './implementations', './test', './bench'],
    message: 'contract definitions sit beside the src/ core (see ARCHITECTURE.md, "Layers")',
  },
];

/** The flat-config block that enforces the layers on every TypeScript file. */
export const layerConfig = {
  files: ['**/*.ts'],
  plugins: { import: importPlugin },
  settings: {
    'import/resolver': { typescript: { project: './tsconfig.json' } },
  },
  rules: {
    'import/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: layerZones }],
    // an import the resolver cannot follow would pass the zones unchecked
    'import/no-unresolved': 'error',
  },
};
