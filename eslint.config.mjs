import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/**', 'static/app/dist/**', '.preflight-local/**', '.cache/**', 'coverage/**', 'local/vendor/**', 'build/**', 'cli/package/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Tests build deliberately malformed input; `any` is the honest type there.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  { files: ['static/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  // Issue 15: text a person reads comes from the catalogue (useT), never from a literal in JSX.
  // Strings built in plain TS are caught at run time by test/e2e/pseudo-locale.e2e.test.ts.
  {
    files: ['static/app/src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'JSXText[value=/[A-Za-z]/]', message: 'Text a person reads comes from the catalogue: t(...) from useT().' },
        {
          selector: 'JSXAttribute[name.name=/^(label|aria-label|title|placeholder|alt|heading|description|tooltip|content|aria-description)$/] > Literal[value=/[A-Za-z]/]',
          message: 'Labels come from the catalogue: t(...) from useT().',
        },
        {
          selector: 'JSXAttribute[name.name=/^(label|aria-label|title|placeholder|alt|heading|description|tooltip|content|aria-description)$/] > JSXExpressionContainer > TemplateLiteral > TemplateElement[value.raw=/[A-Za-z]/]',
          message: 'Labels come from the catalogue: t(...) with placeholders.',
        },
      ],
    },
  },
  { files: ['**/*.js', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
