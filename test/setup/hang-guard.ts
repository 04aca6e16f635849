// A test stuck in the wasm core (a loop that never ends) never gives its thread back, so Vitest's
// own timeout, which needs that thread, cannot end it, and the whole run would wait forever. A
// watchdog thread ends the test process instead, with the test's name, once one test has run
// HANG_MS: Vitest then reports its file as failed and goes on with the rest.
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach } from 'vitest';

/** Twice the unit tests' timeout (vite.config.ts): only a test that can no longer end is stopped. */
const HANG_MS = Number(process.env.HANG_MS ?? 240_000);

// The watchdog: told when a test starts and ends; checks every second; writes with a synchronous
// call (the test's thread, which relays a worker's output, is the one stuck) and kills the process.
const watchdog = new Worker(
  `const { parentPort } = require('node:worker_threads');
   const { writeSync } = require('node:fs');
   let name = '', since = 0;
   parentPort.on('message', (m) => { name = m.name; since = m.since; });
   setInterval(() => {
     if (since && Date.now() - since > ${HANG_MS}) {
       writeSync(2, '\\nhang-guard: "' + name + '" has run ${HANG_MS / 1000} s without returning (a loop in the core that never ends?); ending its test process\\n');
       process.kill(process.pid, 'SIGKILL');
     }
   }, 1000);`,
  { eval: true },
);
watchdog.unref();

beforeEach((ctx) => watchdog.postMessage({ name: ctx.task.name, since: Date.now() }));
afterEach(() => watchdog.postMessage({ name: '', since: 0 }));
