// ESLint for the whole repository (npm run lint; npm test runs it too): typed rules where tsconfig.json reaches.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Generated files, and what is not this repository's code.
  globalIgnores([
    'node_modules/',
    'packages/core/src/generated/',
    'packages/cli/src/generated/',
    'packages/*/dist/',
    'actions/*/dist/',
    'bench/.work/',
    'test/.artifacts/',
    'examples/',
  ]),
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // `const { left: _, ...rest } = x` leaves a field out: the name it gives that field is no leftover.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      '@typescript-eslint/no-non-null-assertion': 'warn',
    },
  },
  {
    // Every file tsconfig.json includes, with its types (vitest.config.ts is not one of them).
    files: ['**/*.ts', 'scripts/**/*.mjs'],
    ignores: ['vitest.config.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['**/*.test.ts', 'test/**', 'bench/**'],
    // Tests and the bench read parsed JSON and YAML, command output and mocks, whose values are any by
    // nature: following each into a typed variable would add casts that test nothing.
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: globals.node } },
  // Last, so that no rule that only Prettier's layout decides is left on.
  prettier,
);
