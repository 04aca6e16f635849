// The JSON document of a result, written by `npm run sim` and by the app's export (format in the README).
import type { Summary } from './summary';
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
