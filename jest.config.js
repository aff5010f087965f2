/** Jest: TypeScript through ts-jest in transpile-only mode; `tsc --noEmit` type-checks separately in `npm test`. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/global-setup.js',
};
