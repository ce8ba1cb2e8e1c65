import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const forbiddenInEngine = {
  paths: [
    { name: 'electron', message: 'The engine and shared/ never import electron: they run in plain Node.' },
    { name: 'react', message: 'The engine and shared/ never import React.' },
    { name: 'react-dom', message: 'The engine and shared/ never import React.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', 'test-results/', 'playwright-report/', 'e2e/artifacts/', '**/build/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['electron/engine/**/*.ts', 'shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', forbiddenInEngine] },
  },
  {
    // The in-game runtime and the sample game are plain ES2015 scripts for the mini game platforms.
    files: ['resources/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { wx: 'readonly', my: 'readonly', GameGlobal: 'readonly', globalThis: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', setTimeout: 'readonly', clearTimeout: 'readonly', Promise: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-var': 'off' },
  },
  {
    files: ['bin/**/*.mjs', 'scripts/**/*.mjs', 'e2e/fixtures/**/*.{js,mjs,cjs}', 'electron/**/fixtures/**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', setTimeout: 'readonly', setInterval: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
