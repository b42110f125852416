// ESLint (flat config). Besides the usual rules it enforces architecture §1, "the folder says where code
// runs": each folder may import only what the design's table allows. Run: npm run lint.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Folder -> folders it must never import from (the complement of the design's "may import"). */
const forbiddenImports = {
  'electron/shared': ['electron/core', 'electron/main', 'electron/preload', 'electron/host', 'renderer', 'db'],
  'electron/core': ['electron/main', 'electron/preload', 'electron/host', 'renderer'],
  'electron/main': ['renderer'],
  'electron/preload': ['electron/core', 'electron/main', 'electron/host', 'renderer', 'db'],
  'electron/host': ['electron/main', 'electron/preload', 'renderer'],
  renderer: ['electron/core', 'electron/main', 'electron/preload', 'electron/host', 'db'],
  db: ['electron', 'renderer'],
};

const zones = Object.entries(forbiddenImports).flatMap(([target, froms]) =>
  froms.map((from) => ({ target: `./${target}`, from: `./${from}`, message: `${target} may not import ${from} (architecture §1)` })),
);

/** Only Electron main and preload may load `electron`; only Node tiers may load Node built-ins. */
const noElectron = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const nodeBuiltins = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto'], message: 'This folder runs outside Node.' };

export default tseslint.config(
  { ignores: ['dist/**', '.tsbuild/**', 'release/**', 'node_modules/**', 'coverage/**', 'tests/.run/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    // Resolves `./x.js` to `./x.ts` as TypeScript does, so the zones see the real file.
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['electron/core/**', 'electron/host/**', 'electron/shared/**', 'db/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: ['renderer/**', 'electron/shared/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [nodeBuiltins] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['tests/**', 'build/**'],
    rules: { 'no-console': 'off' },
  },
);
