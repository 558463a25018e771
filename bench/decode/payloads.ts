import { Buffer } from 'node:buffer';

// Realistic ~500-byte GoodWe-like messages in the three naming families the decoder folds,
// with the quirks seen on the wire (numeric strings, nulls, sentinels, unknown keys).

const serial = (index: number): string => `5500DNSX${String(index).padStart(8, '0')}`;
const jitter = (index: number, base: number, spread: number): number =>
  Math.round((base + (index % 97) * spread) * 10) / 10;

function invertFull(index: number, time: number): Record<string, unknown> {
  return {
    sn: serial(index),
    check_code: '012345',
    powerstation_id: '00000000-0000-4000-8000-0000000000a1',
    model_type: 'GW5000-DNS-30',
    capacity: 5.0,
    last_time: time,
    status: 1,
    workmode: 1,
    pac: jitter(index, 3200, 11),
    vpv1: jitter(index, 372, 0.3),
    ipv1: jitter(index, 6, 0.01),
    vpv2: jitter(index, 365, 0.2),
    ipv2: jitter(index, 5.8, 0.01),
    vpv3: null,
    ipv3: null,
    vac1: jitter(index, 231, 0.1),
    iac1: jitter(index, 14, 0.05),
    fac1: 50.01,
    vac2: 6553.5,
    fac2: 655.35,
    pf: 0.999,
    eday: jitter(index, 9, 0.1),
    etotal: jitter(index, 12873, 3),
    hour_total: 6842.0,
    tempperature: jitter(index, 41, 0.1),
    warning_code: null,
    fault_messge: 0,
    firmwareversion: 1717.0,
    safetyConutry: 2.0,
  };
}

function pascal(index: number, time: number): Record<string, unknown> {
  return {
    SN: serial(index),
    Time: new Date(time).toISOString(),
    Status: 1,
    WorkMode: 1,
    Pac: jitter(index, 6300, 13),
    Vpv1: jitter(index, 512, 0.3),
    Ipv1: jitter(index, 8.9, 0.02),
    Vpv2: jitter(index, 498, 0.2),
    Ipv2: jitter(index, 8.2, 0.02),
    Vac1: 231.2,
    Vac2: 232.0,
    Vac3: 230.6,
    Iac1: 9.2,
    Iac2: 9.3,
    Iac3: 9.2,
    Fac1: 50.0,
    Fac2: 50.0,
    Fac3: 50.0,
    PF: 0.99,
    EDay: jitter(index, 31, 0.1),
    ETotal: jitter(index, 20144, 2),
    HTotal: 9120,
    Tempperature: 47.9,
    WarningCode: 0,
    ErrorMessage: '',
    FirmwareVersion: '04.15',
    Reserved5: 87,
  };
}

function camel(index: number, time: number): Record<string, unknown> {
  return {
    serialNum: serial(index),
    lastUpdateTime: time,
    status: '1',
    pac: String(jitter(index, 2100, 7)),
    eDay: String(jitter(index, 12, 0.1)),
    eTotal: String(jitter(index, 8800, 1)),
    hTotal: '5120',
    vpv1: '356.2',
    ipv1: '4.1',
    vac1: '229.9',
    iac1: '9.1',
    fac1: '49.98',
    soc: '78%',
    soh: '100%',
    vbattery1: 402.6,
    ibattery1: -5.2,
    battary_work_mode: 3,
    pmeter: 2150.0,
    mtActivepowerR: 720.0,
    mtActivepowerS: 715.0,
    mtActivepowerT: 715.0,
    total_buy: 1043.2,
    total_sell: 5521.9,
    output_power: '2100W',
    warning: '--',
    local_date: '2026-11-20',
  };
}

/** The payload families, by name. */
export const families = { invert_full: invertFull, PascalCase: pascal, camelCase: camel } as const;

/** `count` message values as Buffers of the given families, rotating through them. */
export function payloads(
  count: number,
  names: readonly (keyof typeof families)[] = Object.keys(families) as (keyof typeof families)[],
): Buffer[] {
  const start = Date.UTC(2026, 10, 20, 6);
  return Array.from({ length: count }, (_, index) => {
    const family = families[names[index % names.length] ?? 'invert_full'];
    return Buffer.from(JSON.stringify(family(index, start + index * 150_000)));
  });
}
