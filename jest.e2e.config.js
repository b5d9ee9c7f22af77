/** Browser tests: playwright-core driving Debian's chromium against the local site. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Handlers run from the Forge bundle (build/bundle/index.cjs, `npm run bundle`), required as
  // emitted: rebuilt first when src/ changed after it, and never transformed.
  globalSetup: '<rootDir>/test/support/bundle-global-setup.ts',
  transformIgnorePatterns: ['/node_modules/', '<rootDir>/build/'],
  // openapi-backend's ref parser is ES-modules only, which Jest's sandbox cannot require().
  moduleNameMapper: { '^@apidevtools/json-schema-ref-parser$': '<rootDir>/test/support/quick-mode-ref-parser.js' },
  testTimeout: 120000,
};
