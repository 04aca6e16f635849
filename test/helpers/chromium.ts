// How Chromium is launched everywhere (tests and benchmarks): Debian's /usr/bin/chromium, headless,
// with no background traffic and a fresh profile.
import { chromium, type Browser } from 'playwright-core';

export const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS, headless: true });
}
