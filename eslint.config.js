// Type-aware linting: a forgotten `await` on an assertion is an error, so a test cannot pass unchecked.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layerConfig } from './eslint-layers.js';
import { cycleConfig } from './eslint-cycles.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'conformance-report/**', 'coverage/**', 'bench/results.json', 'src/schemas/generated/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // new lines stay within 120 (the convention); the rule holds every line to 160 so the old ones cannot grow.
      // Lines made long by one string, template or regular expression (a message, a fixture) are allowed.
      'max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
    },
  },
  layerConfig,
  cycleConfig,
  {
    // the device checks read one typed view of a registration (suites/device/evidence/): no cast may stand in for it
    files: ['suites/device/checks/**/*.ts', 'suites/device/evidence/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, project: null }, globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
