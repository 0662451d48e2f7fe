/** Tests run TypeScript through ts-jest in transpile-only mode; `npm run typecheck` does the type checking once. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  // The end-to-end test builds the pane and drives Chromium: `npm run test:e2e` (jest.e2e.config.js).
  testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  // Property tests: a fixed sample under CI, a new one on every local run (tests/helpers/fast-check-seed.ts).
  setupFiles: ['<rootDir>/tests/helpers/fast-check-seed.ts'],
  testTimeout: 60000,
};
