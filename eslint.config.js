import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'docs/api/', 'node_modules/', '.kafka/', '.tmp/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Only src/kafka/ may import the native client: everything else goes through its wrappers.
      // pg is an optional peer: only the goodwe-kafka/postgres entry (src/postgres/) may load it.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@confluentinc/kafka-javascript', message: 'Import it only in src/kafka/.' },
            { name: 'pg', message: 'Import it only in src/postgres/ (an optional peer dependency).' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/kafka/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/postgres/**', 'test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@confluentinc/kafka-javascript', message: 'Import it only in src/kafka/.' }] },
      ],
    },
  },
);
