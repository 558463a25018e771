import { z } from 'zod';

// The value kinds of the canonical record. They describe values *after* cleaning, which is
// why they are strict: the normaliser has already turned "38.2", "0W", "--" and sentinels into
// numbers or null.

/** A measured quantity: a finite number, `null` when sent but not available, absent when not sent. */
export const readingValue = z.number().nullable().optional();

/** An integer code from an open set: `null` when sent but not available, absent when not sent. */
export const codeValue = z.int().nullable().optional();

/** A piece of text: `null` when sent but empty, absent when not sent. */
export const textValue = z.string().nullable().optional();

/** A warning or fault code: a number (often a bitmask) or a message, `null` when empty. */
export const alarmValue = z.union([z.number(), z.string()]).nullable().optional();
