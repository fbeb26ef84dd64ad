// Lint: typescript-eslint's recommended rules, plus the layer boundaries of the architecture:
// content code never imports background code and vice versa; shared code imports neither.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const noImportFrom = (folders, why) => ({
  'no-restricted-imports': ['error', {
    patterns: folders.map((folder) => ({ group: [`**/${folder}/**`, `../${folder}/*`], message: why })),
  }],
})

export default tseslint.config(
  { ignores: ['dist/**', 'dist-firefox/**', 'node_modules/**', 'test-results/**', 'demo-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', chrome: 'readonly' } },
    rules: {
      'no-undef': 'off', // TypeScript checks this better
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Shipped code renders text from the service or a page as text, never as markup.
    // (Tests may read outerHTML to prove the page is unchanged.)
    files: ['src/**'],
    rules: {
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Build DOM with JSX or textContent.' },
        { property: 'outerHTML', message: 'Build DOM with JSX or textContent.' },
        { property: 'insertAdjacentHTML', message: 'Build DOM with JSX or textContent.' }],
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text as text.' }],
    },
  },
  // Playwright fixtures declare "no dependencies" with an empty pattern: its documented form.
  { files: ['test/e2e/**'], rules: { 'no-empty-pattern': 'off' } },
  { files: ['src/content/**'], rules: noImportFrom(['background', 'popup', 'options'], 'The content script runs in pages: it may import only src/shared.') },
  { files: ['src/background/**'], rules: noImportFrom(['content', 'popup', 'options'], 'The worker may import only src/shared.') },
  { files: ['src/popup/**', 'src/options/**'], rules: noImportFrom(['background', 'content'], 'Extension pages talk to the worker by messages only.') },
  { files: ['src/shared/**'], rules: noImportFrom(['background', 'content', 'popup', 'options'], 'Shared code is imported by all and owns none of them.') },
)
