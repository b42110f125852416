// Test support: a seeded pseudo-random sequence (mulberry32) for fuzz tests and benchmarks. Math.random would
// make a failure unrepeatable; with a seed, a failing case names itself and comes back on the next run.

/** Numbers in [0, 1), the same sequence for the same seed. Small and fast, not for anything secret. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
