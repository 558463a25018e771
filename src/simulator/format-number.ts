/**
 * Writes a finite number as JSON text, exactly as `String(value)` would, but quickly for numbers
 * with up to three decimals (the readings the simulator writes): their digits are taken from small
 * integers, which V8 converts far faster than arbitrary doubles.
 */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  for (let scale = 10, digits = 1; scale <= 1000; scale *= 10, digits++) {
    const scaled = Math.round(value * scale);
    // Only when dividing back gives the very same double is the short form exact.
    if (scaled / scale !== value || !Number.isSafeInteger(scaled)) continue;
    const magnitude = Math.abs(scaled);
    const whole = Math.floor(magnitude / scale);
    const fraction = String(magnitude - whole * scale).padStart(digits, '0');
    return `${scaled < 0 ? '-' : ''}${whole}.${fraction}`;
  }
  return String(value);
}
