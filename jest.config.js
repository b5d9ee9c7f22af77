/** Unit, integration and contract tests. Browser tests live in test/e2e (jest.e2e.config.js). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // openapi-backend's ref parser is ES-modules only, which Jest's sandbox cannot require().
  moduleNameMapper: { '^@apidevtools/json-schema-ref-parser$': '<rootDir>/test/support/quick-mode-ref-parser.js' },
  testTimeout: 30000,
};
