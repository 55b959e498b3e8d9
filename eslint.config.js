// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const reactHooks = require('eslint-plugin-react-hooks');
const globals = require('globals');

const noElectron = {
  patterns: [{ group: ['electron', 'electron/*'], message: 'The core and the contract run under plain Node: never import electron here (put it in src-main/shell).' }],
};

module.exports = tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'screenshots/**', 'test-results/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.name="eval"]', message: 'No eval.' }],
    },
  },
  {
    files: ['src-main/core/**', 'src-main/contract/**', 'src-main/ipc/**', 'src-main/serve/**', 'src-main/cli.ts'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['src-main/contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...noElectron.patterns, { regex: '^(?!zod$|\\./).*', message: 'The contract imports nothing but zod and itself.' }] },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        { patterns: [...noElectron.patterns, { group: ['node:*', '**/core/**', '**/ipc/**', '**/serve/**', '**/shell/**'], message: 'The renderer talks to the core only through the contract client.' }] },
      ],
    },
  },
  {
    files: ['bin/**/*.js', 'eslint.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
