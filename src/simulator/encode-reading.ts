import { formatNumber } from './format-number.js';
import type { InverterProfile } from './inverter-profile.js';
import type { InverterReading } from './inverter-reading.js';
import type { PayloadFamily, PayloadStyle, TimeFormat } from './payload-style.js';
import type { SeededRandom } from './seeded-random.js';
import type { ZoneClock } from './zone-clock.js';

interface Names {
  sn: string;
  time: string;
  plant: string;
  pac: string;
  pv: [voltage: string, current: string];
  ac: [voltage: string, current: string, frequency: string];
  pf: string;
  eday: string;
  etotal: string;
  htotal: string;
  temp: string;
  workMode: string;
  warning: string;
  fault: string;
  firmware: string;
}

/** Wire names per family, as seen on GoodWe's APIs (typos included). */
export const FIELD_NAMES: Readonly<Record<PayloadFamily, Readonly<Names>>> = {
  invert_full: {
    sn: 'sn',
    time: 'last_time',
    plant: 'powerstation_id',
    pac: 'pac',
    pv: ['vpv', 'ipv'],
    ac: ['vac', 'iac', 'fac'],
    pf: 'pf',
    eday: 'eday',
    etotal: 'etotal',
    htotal: 'hour_total',
    temp: 'tempperature',
    workMode: 'workmode',
    warning: 'warning_code',
    fault: 'fault_messge',
    firmware: 'firmwareversion',
  },
  pascal: {
    sn: 'serialNum',
    time: 'Time',
    plant: 'pw_id',
    pac: 'Pac',
    pv: ['Vpv', 'Ipv'],
    ac: ['Vac', 'Iac', 'Fac'],
    pf: 'PF',
    eday: 'EDay',
    etotal: 'ETotal',
    htotal: 'HTotal',
    temp: 'Tempperature',
    workMode: 'WorkMode',
    warning: 'WarningCode',
    fault: 'ErrorMessage',
    firmware: 'FirmwareVersion',
  },
  camel: {
    sn: 'inverterSn',
    time: 'lastUpdateTime',
    plant: 'pw_id',
    pac: 'pac',
    pv: ['vpv', 'ipv'],
    ac: ['vac', 'iac', 'fac'],
    pf: 'pf',
    eday: 'eDay',
    etotal: 'eTotal',
    htotal: 'hTotal',
    temp: 'temperature',
    workMode: 'work_mode',
    warning: 'warning_code',
    fault: 'fault_messge',
    firmware: 'firmwareversion',
  },
};

/** The serial-number field of each family. */
export const SERIAL_NUMBER_FIELDS: readonly string[] = Object.values(FIELD_NAMES).map((names) => names.sn);

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Writes an instant in one of the time formats; strings without an offset use the zone's wall clock. */
export function formatTime(ms: number, format: TimeFormat, zone: ZoneClock): number | string {
  if (format === 'epoch-ms') return ms;
  if (format === 'epoch-s') return Math.floor(ms / 1000);
  if (format === 'iso') return new Date(ms).toISOString();
  const d = new Date(zone.local(ms).wallMs);
  const date = [pad2(d.getUTCMonth() + 1), pad2(d.getUTCDate()), String(d.getUTCFullYear())];
  const clock = [pad2(d.getUTCHours()), pad2(d.getUTCMinutes()), pad2(d.getUTCSeconds())];
  if (format === 'us-date') return `${date.join('/')} ${clock.join(':')}`;
  if (format === 'us-date-spaced') return `${date.join('/')} ${clock.join(': ')}`;
  return `${date[2]}-${date[0]}-${date[1]} ${clock.join(':')}`;
}

// Padded like GoodWe pads them: at least two MPPT inputs and three AC phases, unused ones empty.
const MIN_MPPTS = 2;

interface Keys {
  sn: string;
  time: string;
  plant: string;
  workMode: string;
  pac: string;
  pv: Array<[string, string]>;
  ac: Array<[string, string, string]>;
  tail: [pf: string, eday: string, etotal: string, htotal: string, temp: string];
  warning: string;
  fault: string;
  firmware: string;
}

// `"name":` prefixes, built once per family: the payload is assembled as text, which is several
// times faster than building an object for JSON.stringify and is what makes a million messages cheap.
const key = (name: string): string => `${JSON.stringify(name)}:`;
const KEYS = Object.fromEntries(
  Object.entries(FIELD_NAMES).map(([family, names]) => [
    family,
    {
      sn: `{${key(names.sn)}`,
      time: key(names.time),
      plant: key(names.plant),
      workMode: key(names.workMode),
      pac: key(names.pac),
      pv: [1, 2, 3, 4].map((i) => [key(`${names.pv[0]}${i}`), key(`${names.pv[1]}${i}`)]),
      ac: [1, 2, 3].map((i) => [key(`${names.ac[0]}${i}`), key(`${names.ac[1]}${i}`), key(`${names.ac[2]}${i}`)]),
      tail: [key(names.pf), key(names.eday), key(names.etotal), key(names.htotal), key(names.temp)],
      warning: key(names.warning),
      fault: key(names.fault),
      firmware: key(names.firmware),
    } satisfies Keys,
  ]),
) as Record<PayloadFamily, Keys>;

/** Writes a number, or with the style's probability a numeric string. */
function num(value: number, style: PayloadStyle, random: SeededRandom): string {
  const text = formatNumber(value);
  return style.numericStrings > 0 && random.chance(style.numericStrings) ? `"${text}"` : text;
}

/**
 * Writes a reading as GoodWe-like JSON text in the given wire form: about 500 bytes for a string
 * inverter in the default form, more for hybrids with a battery and a meter. The text values it
 * writes (serial number, plant id, model, times) are plain ASCII and need no escaping.
 */
export function encodeReading(
  reading: InverterReading,
  profile: InverterProfile,
  style: PayloadStyle,
  zone: ZoneClock,
  random: SeededRandom,
): string {
  const k = KEYS[style.family];
  const empty = style.unused === 'sentinel' ? '6553.5' : style.unused === 'dash' ? '"--"' : 'null';
  const emptyFrequency = style.unused === 'sentinel' ? '655.35' : empty;
  const time = formatTime(reading.timeMs, style.time, zone);
  // Parts joined once: far cheaper than growing a string piece by piece (and flattening it later).
  const out: string[] = [
    k.sn,
    `"${reading.serialNumber}",`,
    k.plant,
    `"${profile.plantId}","model_type":"${profile.model.name}",`,
    k.time,
    typeof time === 'number' ? String(time) : `"${time}"`,
    `,"status":${reading.status},`,
    k.workMode,
    String(reading.workMode),
    ',',
    k.pac,
    num(reading.acPowerW, style, random),
  ];
  const inputs = Math.max(MIN_MPPTS, reading.pv.length);
  for (let i = 0; i < inputs; i++) {
    const [v, c] = k.pv[i]!;
    const input = reading.pv[i];
    if (input) out.push(',', v, num(input.voltage, style, random), ',', c, num(input.current, style, random));
    else out.push(',', v, empty, ',', c, empty);
  }
  for (let i = 0; i < 3; i++) {
    const [v, c, f] = k.ac[i]!;
    const phase = reading.ac[i];
    if (phase?.voltage != null && phase.current != null && phase.frequency != null) {
      out.push(',', v, num(phase.voltage, style, random), ',', c, num(phase.current, style, random));
      out.push(',', f, num(phase.frequency, style, random));
    } else {
      out.push(',', v, empty, ',', c, empty, ',', f, emptyFrequency);
    }
  }
  const [pf, eday, etotal, htotal, temp] = k.tail;
  out.push(',', pf, num(reading.powerFactor, style, random), ',', eday, num(reading.energyTodayKwh, style, random));
  out.push(
    ',',
    etotal,
    num(reading.energyTotalKwh, style, random),
    ',',
    htotal,
    num(reading.hoursTotal, style, random),
  );
  out.push(
    ',',
    temp,
    num(reading.temperatureC, style, random),
    ',',
    k.warning,
    style.unused === 'dash' ? '"--"' : 'null',
  );
  out.push(',', k.fault, '0,', k.firmware, String(profile.model.firmware));
  const { battery, meter } = reading;
  if (battery) {
    out.push(
      ',"vbattery1":',
      num(battery.voltage, style, random),
      ',"ibattery1":',
      num(battery.current, style, random),
    );
    out.push(',"soc":', num(battery.soc, style, random), ',"soh":', num(battery.soh, style, random));
    out.push(',"battary_work_mode":', String(battery.mode));
  }
  if (meter) {
    const [r, s, t] = meter.phasePowersW;
    out.push(',"pmeter":', num(meter.powerW, style, random), ',"mtActivepowerR":', num(r ?? 0, style, random));
    if (s !== undefined) out.push(',"mtActivepowerS":', num(s, style, random));
    if (t !== undefined) out.push(',"mtActivepowerT":', num(t, style, random));
    out.push(
      ',"total_buy":',
      num(meter.totalBuyKwh, style, random),
      ',"total_sell":',
      num(meter.totalSellKwh, style, random),
    );
  }
  out.push('}');
  return out.join('');
}
