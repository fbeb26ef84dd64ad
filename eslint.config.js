// Lint: typescript-eslint's recommended rules, plus the layer boundaries of the architecture.
import path from 'node:path'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * Which src/ folders each src/ folder may import from, besides itself. Deny by default: a folder
 * not listed here (a new src/sidepanel/, say) may import only src/shared until it is given a row.
 */
const LAYERS = {
  shared: [],
  background: ['shared'],
  content: ['shared'],
  ui: ['shared'],
  popup: ['ui', 'shared'],
  options: ['ui', 'shared'],
  panel: ['ui', 'shared'],
  // The viewer shows the web pages' hover card over its marks (src/content/hover-controller.ts), not a copy of it.
  pdf: ['ui', 'content', 'shared'],
  files: ['ui', 'shared'],
  downloads: ['ui', 'shared'],
}
const DEFAULT_ALLOWED = ['shared']

const srcRoot = path.resolve(import.meta.dirname, 'src')
const folderOf = (file) => {
  const relative = path.relative(srcRoot, file)
  return relative.startsWith('..') || path.isAbsolute(relative) ? null : relative.split(path.sep)[0]
}

const layersRule = {
  meta: { type: 'problem', schema: [], messages: { forbidden: "src/{{from}} may not import src/{{to}}: allowed are {{allowed}} (see LAYERS in eslint.config.js)." } },
  create(context) {
    const from = folderOf(context.filename)
    if (from === null || from.includes('.')) return {} // a file at src/ itself: no layer
    const allowed = LAYERS[from] ?? DEFAULT_ALLOWED
    const check = (node) => {
      const specifier = node.source?.value
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return
      const to = folderOf(path.resolve(path.dirname(context.filename), specifier))
      if (to === null || to === from || allowed.includes(to)) return
      context.report({ node: node.source, messageId: 'forbidden', data: { from, to, allowed: allowed.map((f) => `src/${f}`).join(', ') || 'none' } })
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check }
  },
}

export default tseslint.config(
  { ignores: ['dist/**', 'dist-firefox/**', 'dist-downloads/**', 'dist-firefox-downloads/**', 'node_modules/**', 'test-results/**', 'demo-output/**'] },
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
  // The worker, the content script and the pages talk by messages only; shared code owns none of them.
  { files: ['src/**'], plugins: { hashlens: { rules: { layers: layersRule } } }, rules: { 'hashlens/layers': 'error' } },
)
