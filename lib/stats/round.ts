/**
 * Round a figure for display exactly as SQL rounds the mean before it picks the level (numeric round: half away from
 * zero), so a printed 4.51 is always "very high" under 0.5 bands. Plain toFixed would print the mean 4.505 as 4.50:
 * the double nearest to 4.505 is 4.50499999…. Reading the number back to 15 significant digits first recovers the
 * decimal that SQL sent (its means have at most ~20 digits and never sit within 1e-15 of a rounding boundary).
 */
export function roundStat(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const decimal = Number(value.toPrecision(15));
  const factor = 10 ** digits;
  const scaled = Math.abs(decimal) * factor;
  // The 15-digit decimal times 10^digits can itself land a hair under .5; fix that with the same 15-digit reading.
  const rounded = Math.floor(Number(scaled.toPrecision(15)) + 0.5) / factor;
  return Math.sign(decimal) * rounded || 0;
}

/** A rounded figure as text with exactly `digits` decimals, or an empty string for null (no figure). */
export function formatStat(value: number | null, digits = 2): string {
  return value === null ? '' : roundStat(value, digits).toFixed(digits);
}
