// Browser tests: build the app if it is stale, serve dist/ on 127.0.0.1 with Vite's preview server
// (which also sends the Content-Security-Policy), and hand its address to the tests.
import type { TestProject } from 'vitest/node';
import { preview } from 'vite';
// @ts-expect-error: a plain ES module script shared with the npm scripts
import { ensureApp } from '../../scripts/app-fresh.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureApp();
  const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server did not start');
  project.provide('baseURL', url);
  return async () => {
    await server.close();
  };
}
