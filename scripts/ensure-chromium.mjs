// The real-browser tests drive Debian's Chromium at /usr/bin/chromium (never a downloaded browser).
// When it is missing: install it with apt-get if we are root, else stop with a clear message.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

if (existsSync(CHROMIUM)) process.exit(0);
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!root || !hasApt) {
  console.error(
    `The browser tests need Chromium at ${CHROMIUM}, and it is not installed.\n` +
      (hasApt
        ? 'Install it as root with:\n  sudo apt-get update && sudo apt-get install -y chromium\nthen run npm test again.'
        : 'Install Chromium from your distribution so that /usr/bin/chromium exists, then run npm test again.'),
  );
  process.exit(1);
}
console.log('Installing Chromium for the browser tests (apt-get install chromium)...');
try {
  execSync('apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium', { stdio: 'inherit' });
} catch {
  console.error('apt-get could not install chromium; install it by hand and run npm test again.');
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`apt-get finished but ${CHROMIUM} is still missing.`);
  process.exit(1);
}
