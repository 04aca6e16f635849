// A sweep as work: its cells, each run exactly as it would run alone (the page runs a cell so), and
// the (cell, chunk) units it splits into. Shard i of n takes the units u with u % n === i, so any n
// balances even when there are fewer cells than shards, or far more.
import { planRun, type RunPlan } from '../engine/plan';
import { resolve, type Clamp } from '../resolve';
import type { Scenario } from '../scenario';
import { cellScenario, type SweepSpec } from './sweep-spec';

export interface SweepCell {
  /** Row-major position: index = j * nx + i, the order the page fills the map in. */
  index: number;
  i: number;
  j: number;
  /** The cell's scenario as set (the base with the axes' values). */
  scenario: Scenario;
  /** What runs, after the rules between levers (resolve.ts), and what those rules did. */
  run: Scenario;
  clamps: Clamp[];
  plan: RunPlan;
}

export interface SweepUnit {
  cell: number;
  chunk: number;
}

export interface Shard {
  index: number;
  count: number;
}

export function sweepCells(base: Scenario, spec: SweepSpec): SweepCell[] {
  const nx = spec.x.points, ny = spec.y ? spec.y.points : 1;
  const cells: SweepCell[] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const { scenario } = cellScenario(base, spec, i, j);
      const { scenario: run, clamps } = resolve(scenario);
      cells.push({ index: cells.length, i, j, scenario, run, clamps, plan: planRun(run) });
    }
  }
  return cells;
}

/** Every unit of the sweep, cell by cell, chunk by chunk: unit u's number is its place here. */
export function sweepUnits(cells: readonly SweepCell[]): SweepUnit[] {
  return cells.flatMap((c) => Array.from({ length: c.plan.chunks }, (_, chunk) => ({ cell: c.index, chunk })));
}

/** The units of one shard. */
export function shardUnits(units: readonly SweepUnit[], shard: Shard): SweepUnit[] {
  return units.filter((_, u) => u % shard.count === shard.index);
}

/** Units grouped by cell, in order: what one machine runs, cell after cell. */
export function byCell(units: readonly SweepUnit[]): { cell: number; chunks: number[] }[] {
  const groups: { cell: number; chunks: number[] }[] = [];
  for (const u of units) {
    const last = groups[groups.length - 1];
    if (last && last.cell === u.cell) last.chunks.push(u.chunk);
    else groups.push({ cell: u.cell, chunks: [u.chunk] });
  }
  return groups;
}
