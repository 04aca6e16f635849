// The scale-out recipes of docs/scale-out.md, run as far as this machine allows: the Kubernetes
// Indexed Job's command and the Slurm array script each run here with the variables their scheduler
// would set, for every index, and their shards merge into exactly the result of one process.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sweepOfLink } from '../../src/designer/sweep-result';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const tsx = join(root, 'node_modules/.bin/tsx');
const LINK = '#v=2&paths=120&positions=80&horizon=3600&sweep=pInsolvent;mmr:0.02:0.08:2;penalty:0.005:0.05:2';
const SHARDS = 3;
let direct: string;

beforeAll(async () => {
  direct = (await run(tsx, ['src/cli/sim.ts', 'sweep', '--link', LINK, '--quiet'], { cwd: root, maxBuffer: 2 ** 26 })).stdout;
}, 60_000);

async function merged(dir: string): Promise<string> {
  const files = readdirSync(dir).filter((f) => /^shard-\d+\.json$/.test(f)).map((f) => join(dir, f));
  expect(files).toHaveLength(SHARDS);
  return (await run(tsx, ['src/cli/sim.ts', 'merge', ...files], { cwd: root, maxBuffer: 2 ** 26 })).stdout;
}

describe('the Kubernetes Indexed Job', () => {
  const job = parse(readFileSync(join(root, 'deploy/kubernetes/sweep-job.yaml'), 'utf8'));
  const container = job.spec.template.spec.containers[0];
  const env = Object.fromEntries(container.env.map((e: { name: string; value: string }) => [e.name, e.value]));

  it('is indexed, with as many completions as shards, and a link that names a sweep', () => {
    expect(job.kind).toBe('Job');
    expect(job.spec.completionMode).toBe('Indexed');
    expect(job.spec.completions).toBe(Number(env.SHARDS));
    expect(job.spec.parallelism).toBeLessThanOrEqual(job.spec.completions);
    expect(sweepOfLink(env.LINK).errors).toEqual([]);
    expect(container.args[0]).toContain('--shard "$JOB_COMPLETION_INDEX/$SHARDS"');
  });

  it("runs its pods' command for every index, and the shards merge into one process's result", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cascade-k8s-'));
    await Promise.all(
      [...Array(SHARDS).keys()].map((k) =>
        run(container.command[0], [...container.command.slice(1), ...container.args], { cwd: root, env: { ...process.env, JOB_COMPLETION_INDEX: String(k), SHARDS: String(SHARDS), LINK, RESULTS: dir } }),
      ),
    );
    expect(await merged(dir)).toBe(direct);
  });
});

describe('the Slurm job array', () => {
  const script = readFileSync(join(root, 'deploy/slurm/sweep.sbatch'), 'utf8');

  it('has an array of exactly its default number of shards, and a default link that names a sweep', () => {
    const array = /^#SBATCH --array=0-(\d+)$/m.exec(script);
    const shards = /^SHARDS=\$\{SHARDS:-(\d+)\}$/m.exec(script);
    expect(Number(array?.[1]) + 1).toBe(Number(shards?.[1]));
    const link = /^LINK=\$\{LINK:-'([^']+)'\}$/m.exec(script)?.[1] ?? '';
    expect(sweepOfLink(link).errors).toEqual([]);
  });

  it('runs as every array task, and the shards merge into one process\'s result; a rerun skips them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cascade-slurm-'));
    const task = (k: number) => run('bash', ['deploy/slurm/sweep.sbatch'], { cwd: root, env: { ...process.env, SLURM_ARRAY_TASK_ID: String(k), SLURM_CPUS_PER_TASK: '1', SHARDS: String(SHARDS), LINK, RESULTS: dir } });
    for (let k = 0; k < SHARDS; k++) await task(k);
    expect(await merged(dir)).toBe(direct);
    expect((await task(1)).stderr).toMatch(/already holds this shard \(checked\); not run again/);
  });
});

describe('the container image', () => {
  it('runs the command line from the repository (the image is not built here: no container daemon)', () => {
    const dockerfile = readFileSync(join(root, 'deploy/Dockerfile'), 'utf8');
    const entry = JSON.parse(/^ENTRYPOINT (.+)$/m.exec(dockerfile)![1]) as string[];
    expect(entry).toEqual(['node_modules/.bin/tsx', 'src/cli/sim.ts']);
    expect(existsSync(join(root, entry[1]))).toBe(true);
    expect(dockerfile).toMatch(/^RUN node scripts\/wasm-fresh\.mjs$/m);
  });
});
