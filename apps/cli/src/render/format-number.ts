/** A bound or value for people: 3 significant digits, and 0 for numerical dust. */
export function formatBound(value: number | null): string {
  if (value === null) return "n/a";
  if (Math.abs(value) < 1e-9) return "0";
  return String(Number(value.toPrecision(3)));
}
