// Small definitions shared by the reference twin's files (twins of assembly/common.ts).

export const YEAR = 365 * 86400; // seconds; crypto markets trade every day

/** Position states. */
export const OPEN = 0, CLOSED = 2, IN_AUCTION = 3;

export function logOf(x: number): number {
  return x > 0 ? Math.log(x) : -Infinity;
}

/** Per-step decay factor for a half-life in seconds; a half-life of 0 keeps no memory at all. */
export function halfLifeDecay(dt: number, halfLife: number): number {
  return halfLife > 0 ? Math.pow(2, -dt / halfLife) : 0;
}
