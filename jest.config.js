/** Jest: TypeScript through ts-jest in transpile-only mode; `tsc --noEmit` type-checks separately in `npm test`. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/global-setup.js',
  // `npm run coverage`: every source file counts. src/gas is counted inside the instrumented
  // bundle the tests run (mapped back to its .ts files), so jest must not instrument it again.
  collectCoverageFrom: ['src/**/*.ts'],
  coveragePathIgnorePatterns: ['/node_modules/', '<rootDir>/src/gas/'],
  coverageReporters: ['text-summary', 'text', 'html'],
};
