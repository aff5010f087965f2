// Builds the bundles once before the suites that run them as processes or in node:vm.
const { execFileSync } = require('node:child_process');

module.exports = () => {
  execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
};
