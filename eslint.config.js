import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  {
    ignores: [
      'build/',
      'build-test/',
      '.svelte-kit/',
      'node_modules/',
      'data/',
      'test-results/',
      'playwright-report/',
      'tests/.artifacts/'
    ]
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig
      }
    }
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      // Tests reach into the page's Tiptap editor, which has no type there.
      '@typescript-eslint/no-explicit-any': 'off',
      // Links are plain hrefs: the app has no base path.
      'svelte/no-navigation-without-resolve': 'off'
    }
  }
);
