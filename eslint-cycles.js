// No import cycles (`import/no-cycle`), dynamic imports included: a cycle hides which module owns what, and a lazy
// `import()` of a command's handler must not lead back to the module that loads it. Type-only imports are erased
// at compile time and the rule does not follow them.
import importPlugin from 'eslint-plugin-import';

/** The flat-config block; exported so a test can prove the rule sees a cycle through `.js`-suffixed imports. */
export const cycleConfig = {
  files: ['**/*.ts'],
  plugins: { import: importPlugin },
  settings: {
    // without this the rule reads no TypeScript module and passes every cycle silently: it only follows files whose
    // extension is listed (the resolver maps `./x.js` to `./x.ts`; test/architecture/cycle-rule.test.ts proves both)
    'import/extensions': ['.ts', '.js'],
    // a package cannot import back into this one: reading node_modules would only cost time (most of the rule's)
    'import/ignore': ['node_modules'],
    'import/resolver': { typescript: { project: './tsconfig.json' } },
  },
  rules: {
    'import/no-cycle': ['error', { ignoreExternal: true }],
  },
};
