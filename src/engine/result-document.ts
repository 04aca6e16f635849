// The JSON document of a result, written by `npm run sim` and by the app's export (format in the README).
import type { Summary } from './summary';
import { encodeLink } from '../link';
import { resolve } from '../resolve';
import type { Scenario } from '../scenario';
import type { FieldError } from '../validate';

export const RESULT_FORMAT = 'cascade-lab-result';
export const RESULT_VERSION = 1;

/** The result of scenario `s` as set (its link and levers), with what the run used instead of a lever (`clamps`). */
export function resultDocument(s: Scenario, warnings: FieldError[], summary: Summary) {
  return {
    format: RESULT_FORMAT,
    version: RESULT_VERSION,
    link: encodeLink(s),
    scenario: s,
    warnings,
    clamps: resolve(s).clamps,
    ...summary,
  };
}
