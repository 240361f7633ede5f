import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import vitest from '@vitest/eslint-plugin';

const config = [
  ...nextVitals,
  ...nextTypescript,
  { ignores: ['.next/**', '.next-*/**', 'test-results*/**', 'e2e/.auth*/**', '.data/**', 'lib/generated/**', 'node_modules/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
  {
    rules: {
      // lib/env.ts is the one reader of the environment in application code.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through lib/env.ts.' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Tool configuration, entry points and dev tooling may read the environment directly.
    files: ['lib/env.ts', 'instrumentation.ts', '*.config.{ts,mjs,js}', 'scripts/**', 'e2e/**', 'bench/**', '**/*.test.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['components/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/app/*', '@/lib/server/*', '@/lib/auth/*'], message: 'Components receive data and actions as props.' }] }],
    },
  },
  {
    files: ['lib/policy/**'],
    ignores: ['lib/policy/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['next', 'next/*', 'react', 'react-dom', '@prisma/*', 'node:*', '@/lib/server/*', '@/lib/generated/*'], message: 'Policy code is pure.' }] }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Policy code takes the time as an argument.' }, { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Policy code takes the time as an argument.' }],
    },
  },
  {
    files: ['**/*.test.ts'],
    plugins: { vitest },
    rules: { ...vitest.configs.recommended.rules, 'vitest/expect-expect': 'error', 'vitest/no-focused-tests': 'error', 'vitest/no-disabled-tests': 'error' },
  },
];

export default config;
