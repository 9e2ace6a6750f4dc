import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/*
 * Imports point one way across the border between browser and server: both import the shared
 * module (src/lib/shared), the browser never imports server/, the server imports nothing else
 * from src/, and the shared module imports only itself and packages, so it stays pure (no DOM,
 * Svelte or Node APIs) and runs on both sides. The rule sees import strings, not resolved paths,
 * so for the shared module it limits how far a relative import may climb at each folder depth.
 */
const SHARED_MESSAGE =
  'src/lib/shared imports only itself and packages (no server/, no other src/lib, no DOM, Svelte or Node APIs).';
const SHARED_DEPTHS = [0, 1, 2, 3, 4];
const boundaries = [
  {
    files: ['src/**/*.ts', 'src/**/*.js', 'src/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+server(/|$)',
              message:
                'The browser code never imports server/; put what both sides speak in src/lib/shared.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^((\\.\\./)+src/(?!lib/shared/)|\\$lib/|\\$app/)',
              message: 'server/ imports from src/ only src/lib/shared.'
            }
          ]
        }
      ]
    }
  },
  ...SHARED_DEPTHS.map((depth) => ({
    files: [`src/lib/shared/${'*/'.repeat(depth)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: `^(\\.\\./){${depth + 1}}`, message: SHARED_MESSAGE },
            { regex: '^(\\$lib/(?!shared/)|\\$app/|svelte($|/)|node:)', message: SHARED_MESSAGE }
          ]
        }
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'indexedDB',
          'process',
          'Buffer'
        ].map((name) => ({ name, message: SHARED_MESSAGE }))
      ]
    }
  }))
];

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
  },
  ...boundaries
);
