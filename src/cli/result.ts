// The JSON document `npm run sim` writes (format documented in the README).
import type { Summary } from '../engine/summary';
import { encodeLink } from '../link';
import type { Scenario } from '../scenario';
import type { FieldError } from '../validate';

export const RESULT_FORMAT = 'cascade-lab-result';
export const RESULT_VERSION = 1;

export function resultDocument(s: Scenario, warnings: FieldError[], summary: Summary) {
  return {
    format: RESULT_FORMAT,
    version: RESULT_VERSION,
    link: encodeLink(s),
    scenario: s,
    warnings,
    ...summary,
  };
}
