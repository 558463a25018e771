/**
 * `{ [key]: value }`, or `{}` when the value is `undefined`. With exactOptionalPropertyTypes an
 * optional option must be left out rather than set to `undefined`; spread this to do so.
 */
export function optionalEntry<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
