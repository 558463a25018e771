/**
 * The SEMS inverter states with a known meaning. `status` is an open set: other integers may
 * arrive and are kept as they are; look them up in {@link inverterStatusLabels}.
 */
export const InverterStatus = {
  /** Not reporting; grid-tied inverters go offline at night. */
  Offline: -1,
  /** Powered but not feeding the grid yet. */
  Waiting: 0,
  /** Producing normally. */
  Normal: 1,
  /** Stopped by a fault; see `faultCode`. */
  Fault: 2,
} as const;

/** One of the named {@link InverterStatus} values. */
export type InverterStatus = (typeof InverterStatus)[keyof typeof InverterStatus];

/**
 * Labels of the `status` codes seen on GoodWe's cloud. Newer SEMS code also maps 3 to Waiting and
 * 5 to Normal. A code missing here is unknown, not invalid.
 *
 * @example
 * ```ts
 * const label = inverterStatusLabels[record.status ?? NaN] ?? 'Unknown';
 * ```
 */
export const inverterStatusLabels: Readonly<Record<number, string>> = {
  [-1]: 'Offline',
  0: 'Waiting',
  1: 'Normal',
  2: 'Fault',
  3: 'Waiting',
  5: 'Normal',
};

/**
 * Labels of the `workMode` codes, per inverter family. The meaning depends on the model and the
 * evidence disagrees: the local protocol maps single-phase (DT/NS) 0 to Wait and 1 to Normal, while
 * a SEMS capture showed `workmode: 1` next to the label "Wait Mode". Treat these as hints.
 */
export const workModeLabels = {
  /** DT, D-NS, XS and other grid-tied string inverters (local protocol). */
  dt: { 0: 'Wait Mode', 1: 'Normal', 2: 'Error', 4: 'Check Mode' },
  /** ET, EH, BT, BH hybrid inverters (local protocol). */
  et: {
    0: 'Wait Mode',
    1: 'Normal (On-Grid)',
    2: 'Normal (Off-Grid)',
    3: 'Fault Mode',
    4: 'Flash Mode',
    5: 'Check Mode',
  },
} as const satisfies Record<string, Readonly<Record<number, string>>>;

/** Labels of the `batteryMode` codes (`battary_work_mode` on the wire). */
export const batteryModeLabels: Readonly<Record<number, string>> = {
  0: 'No battery',
  1: 'Standby',
  2: 'Discharge',
  3: 'Charge',
  4: 'To be charged',
  5: 'To be discharged',
};
