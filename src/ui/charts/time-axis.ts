// Time on the x axis: seconds in the data, shown in minutes, hours or days as the horizon suits.
export function timeUnit(horizon: number): { div: number; label: string } {
  if (horizon >= 3 * 86400) return { div: 86400, label: 'days' };
  if (horizon >= 3 * 3600) return { div: 3600, label: 'hours' };
  return { div: 60, label: 'minutes' };
}
