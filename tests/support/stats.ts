// Test and benchmark support: percentiles of a list of timings.
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summary(values: readonly number[], unit = 'ms', digits = 1): string {
  return ['p50', 'p95', 'p99']
    .map((name) => `${name} ${percentile(values, Number(name.slice(1))).toFixed(digits)} ${unit}`)
    .join('  ');
}
