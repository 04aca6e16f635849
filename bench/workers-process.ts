// `workerScaling()` in a Node process of its own (bench/workers.ts), its result printed as JSON.
import { workerScaling } from './workers';

process.stdout.write(JSON.stringify(await workerScaling()));
process.exit(0); // the pools' workers are disposed; nothing else keeps the process
