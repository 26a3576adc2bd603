// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.tmp/', 'coverage/', 'compat/work/', 'bench/work/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        queueMicrotask: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        performance: 'readonly',
        globalThis: 'readonly',
      },
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // Attribute names are spelled in src/semconv.ts only.
      'no-restricted-syntax': [
        'error',
        {
          selector: "Literal[value=/^(gen_ai|llm_observer|openai|anthropic)\\.[a-z_.]+$/]",
          message: 'Attribute names live in src/semconv.ts; import the constant.',
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/semconv.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
