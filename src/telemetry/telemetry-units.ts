/** The unit of a canonical reading; `''` for unitless values and codes. */
export type TelemetryUnit = 'W' | 'V' | 'A' | 'Hz' | 'kWh' | 'h' | '°C' | '%' | 'var' | '';

const suffixes = (entries: Record<string, number>): ReadonlyMap<string, number> => new Map(Object.entries(entries));

/**
 * The unit suffixes a display string (`"0W"`, `"536%"`, `"3kW"`) may carry for a reading in each
 * canonical unit, with the factor that converts it. A suffix that is not listed for the field's
 * unit makes the value invalid rather than silently misread by a factor of 1000.
 */
export const unitSuffixes: { readonly [U in TelemetryUnit]: ReadonlyMap<string, number> } = {
  W: suffixes({ W: 1, kW: 1000 }),
  V: suffixes({ V: 1 }),
  A: suffixes({ A: 1 }),
  Hz: suffixes({ Hz: 1 }),
  kWh: suffixes({ kWh: 1, Wh: 0.001, MWh: 1000 }),
  h: suffixes({ h: 1 }),
  '°C': suffixes({ '°C': 1, '℃': 1, C: 1 }),
  '%': suffixes({ '%': 1 }),
  var: suffixes({ var: 1, Var: 1, VAr: 1, kvar: 1000, kVar: 1000, kVAr: 1000 }),
  '': suffixes({}),
};
