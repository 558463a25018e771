import type { CanonicalTelemetryField } from './inverter-telemetry-schema.js';
import { telemetryFields, type TelemetryFieldKind, type TelemetryFieldSpec } from './telemetry-fields.js';
import { unitSuffixes } from './telemetry-units.js';

/** A canonical field as the normaliser needs it: everything resolved, nothing to look up twice. */
export interface CompiledField {
  readonly key: CanonicalTelemetryField;
  /** Position in {@link canonicalFieldOrder}; the normaliser keeps values in a slot array by it. */
  readonly index: number;
  readonly kind: TelemetryFieldKind;
  readonly suffixes: ReadonlyMap<string, number>;
  readonly min: number;
  readonly max: number;
}

/** Wire spelling to canonical field; a key that is no alias gives `undefined`. */
export type AliasTable = Readonly<Record<string, CompiledField | undefined>>;

const upperFirst = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);
const snakeToCamel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * The spellings one declared wire name stands for: itself, all lowercase (the `invert_full`
 * family), and its PascalCase and camelCase forms, so that declaring `vpv1` also covers `Vpv1`
 * and declaring `hour_total` covers `hourTotal` and `HourTotal`.
 */
export function wireVariants(name: string): string[] {
  const camel = lowerFirst(snakeToCamel(name));
  const cased = name.includes('_') ? [] : [upperFirst(name), lowerFirst(name)];
  return [...new Set([name, name.toLowerCase(), ...cased, camel, upperFirst(camel)])];
}

/**
 * Builds the lookup from every wire spelling to its canonical field. Built once at load so that
 * decoding costs one map lookup per wire key. Throws if one spelling would name two fields, which
 * is a mistake in the field dictionary, not in the data.
 */
export function buildAliasTable(
  fields: { readonly [K in CanonicalTelemetryField]: TelemetryFieldSpec } = telemetryFields,
): AliasTable {
  // A prototype-less object: looking up the wire keys JSON.parse produces is faster than a Map.
  const table: Record<string, CompiledField | undefined> = Object.create(null) as Record<string, CompiledField>;
  for (const [index, key] of (Object.keys(fields) as CanonicalTelemetryField[]).entries()) {
    const spec = fields[key];
    const compiled: CompiledField = {
      key,
      index,
      kind: spec.kind,
      suffixes: unitSuffixes[spec.unit],
      min: spec.min ?? -Infinity,
      max: spec.max ?? Infinity,
    };
    for (const name of [key, ...spec.aliases].flatMap(wireVariants)) {
      const taken = table[name];
      if (taken !== undefined && taken.key !== key) {
        throw new Error(`Wire name ${name} would map to both ${taken.key} and ${key}`);
      }
      table[name] = compiled;
    }
  }
  return table;
}

/** The canonical fields in dictionary order: the order of keys in a decoded record. */
export const canonicalFieldOrder = Object.keys(telemetryFields) as readonly CanonicalTelemetryField[];

/** Every wire spelling the decoder recognises, mapped to its canonical field. */
export const aliasTable: AliasTable = buildAliasTable();
