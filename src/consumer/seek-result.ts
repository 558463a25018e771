/** Where `seekToTime` put one partition. */
export interface SeekResult {
  /** The topic of the partition. */
  topic: string;
  /** The partition number. */
  partition: number;
  /** The offset the next record of this partition will have (decimal string). */
  offset: string;
  /** No record is at or after the time: the partition was positioned at its end. */
  atEnd: boolean;
  /**
   * The time is before the earliest retained record (older records were deleted by retention):
   * the partition was positioned at the earliest offset instead.
   */
  beforeRetention: boolean;
}
