// An optimiser spec in the link, so the page, a shared link and the CLI run the same search:
// `opt=traderCost;pInsolvent:0.01;30;mmr:0.01:0.1;penalty:0:0.05`
// (objective; the cap as metric:max, or none; the budget; then each lever as field:from:to).
// Reading it never throws and says what is wrong, as reading the rest of a link does.
import { encodeLink } from '../link';
import { resolve } from '../resolve';
import type { FieldKey, Scenario } from '../scenario';
import type { FieldError } from '../validate';
import { isMetric } from './metrics';
import { checkSpec, MAX_LEVERS, type Evaluation, type OptimiseResult, type OptimiseSpec } from './optimiser';

export function encodeOptimise(s: OptimiseSpec): string {
  const cap = s.constraint ? `${s.constraint.metric}:${s.constraint.max}` : 'none';
  return [s.objective, cap, String(s.budget), ...s.levers.map((l) => `${l.field}:${l.from}:${l.to}`)].join(';');
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const num = (x: string | undefined) => (x !== undefined && NUMBER.test(x) ? Number(x) : NaN);

export function decodeOptimise(text: string): { spec?: OptimiseSpec; errors: FieldError[] } {
  const fail = (message: string) => ({ errors: [{ field: 'opt', message }] });
  const parts = text.split(';');
  if (parts.length < 4 || parts.length > 3 + MAX_LEVERS) return fail(`expected objective;metric:cap (or none);budget;field:from:to (1 to ${MAX_LEVERS} levers)`);
  const [objective, cap, budget, ...levers] = parts;
  if (!isMetric(objective)) return fail(`unknown objective "${objective.slice(0, 30)}"`);
  let constraint: OptimiseSpec['constraint'] = null;
  if (cap !== 'none') {
    const [metric, max] = cap.split(':');
    if (!isMetric(metric)) return fail(`unknown metric "${(metric ?? '').slice(0, 30)}" in the cap`);
    constraint = { metric, max: num(max) };
  }
  const spec: OptimiseSpec = {
    objective,
    constraint,
    budget: num(budget),
    levers: levers.map((l) => {
      const [field, from, to] = l.split(':');
      return { field: field as FieldKey, from: num(from), to: num(to) };
    }),
  };
  const problems = checkSpec(spec);
  if (problems.length) return { errors: problems.map((p) => ({ field: 'opt', message: `${p.field}: ${p.message}` })) };
  return { spec, errors: [] };
}

export const OPTIMUM_FORMAT = 'cascade-lab-optimum';
export const OPTIMUM_VERSION = 1;

/**
 * An optimiser run as a file (what `npm run sim -- optimise` writes): the spec, every evaluation by
 * its levers, the best design (with a link that opens it in the sandbox) and the leverage frontier.
 */
export function optimumDocument(base: Scenario, warnings: FieldError[], spec: OptimiseSpec, result: OptimiseResult) {
  const levers = (e: Evaluation) => Object.fromEntries(spec.levers.map((l) => [l.field, e.scenario[l.field]]));
  const text = encodeOptimise(spec);
  return {
    format: OPTIMUM_FORMAT,
    version: OPTIMUM_VERSION,
    link: encodeLink(base, { view: 'designer', opt: text }),
    scenario: base,
    warnings,
    opt: text,
    best: {
      levers: levers(result.best),
      values: result.best.values,
      errors: result.best.errors,
      feasible: result.best.feasible,
      clamps: resolve(result.best.scenario).clamps,
      link: encodeLink(result.best.scenario),
    },
    // imr as set, and what each run used instead (clamps), as the frontier's leverage counts it.
    evaluations: result.evaluations.map((e) => ({ phase: e.phase, levers: levers(e), values: e.values, errors: e.errors, feasible: e.feasible, violation: e.violation, imr: e.scenario.imr, clamps: resolve(e.scenario).clamps })),
    frontier: result.frontier,
  };
}
