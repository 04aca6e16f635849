// Node cannot load TypeScript in a worker thread by itself: register tsx's loader, then the worker.
import { register } from 'tsx/esm/api';
register();
await import('./node-worker.ts');
