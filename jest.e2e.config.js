/** Browser tests: playwright-core driving Debian's chromium against the local site. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // openapi-backend's ref parser is ES-modules only, which Jest's sandbox cannot require().
  moduleNameMapper: { '^@apidevtools/json-schema-ref-parser$': '<rootDir>/test/support/quick-mode-ref-parser.js' },
  testTimeout: 120000,
};
