import type { InverterModel } from './inverter-models.js';

const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const perLot = 9_999;
const lots = letters.length * letters.length;

/** The largest number of distinct serial numbers {@link goodweSerialNumber} makes for one `lotOffset`. */
export const MAX_SERIAL_NUMBERS = perLot * lots;

/**
 * A 16-character serial number in GoodWe's style, e.g. `5010KETU21AB0001`: a `5`, the rating
 * (`010K` for 10 kW, `5000` for 5 kW), the model series, the production year, a lot and a sequence.
 *
 * Distinct `index` values (below {@link MAX_SERIAL_NUMBERS}) give distinct serial numbers.
 */
export function goodweSerialNumber(model: InverterModel, year: number, index: number, lotOffset = 0): string {
  const rating =
    model.capacityKw >= 10
      ? `${Math.round(model.capacityKw)}K`.padStart(4, '0')
      : String(Math.round(model.capacityKw * 1000)).padStart(4, '0');
  const lotNumber = (Math.floor(index / perLot) + lotOffset) % lots;
  const lot = `${letters[Math.floor(lotNumber / letters.length)] ?? 'A'}${letters[lotNumber % letters.length] ?? 'A'}`;
  const sequence = String((index % perLot) + 1).padStart(4, '0');
  return `5${rating}${model.series}${String(year % 100).padStart(2, '0')}${lot}${sequence}`;
}
