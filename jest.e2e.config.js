/** Browser tests: playwright-core driving Debian's chromium against the local site. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // @lingui and @messageformat ship ES modules only; Jest's CommonJS sandbox needs them transformed.
    '^.+\\.m?js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', esModuleInterop: true } }],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  // Handlers run from the Forge bundle (build/bundle/index.cjs, `npm run bundle`), required as
  // emitted: rebuilt first when src/ changed after it, and never transformed.
  globalSetup: '<rootDir>/test/support/bundle-global-setup.ts',
  transformIgnorePatterns: ['/node_modules/(?!(@lingui|@messageformat)/)', '<rootDir>/build/'],
  // openapi-backend's ref parser is ES-modules only, which Jest's sandbox cannot require().
  moduleNameMapper: { '^@apidevtools/json-schema-ref-parser$': '<rootDir>/test/support/quick-mode-ref-parser.js' },
  testTimeout: 120000,
};
