/**
 * The SASL mechanisms a GoodWe-issued account can use. GoodWe says which one when it issues the
 * account; SCRAM-SHA-512 is the default because the password never crosses the wire.
 */
export const SaslMechanism = {
  /** SASL/PLAIN: the password is sent as is, protected only by TLS. */
  Plain: 'PLAIN',
  /** SCRAM with SHA-256: the password never crosses the wire. */
  ScramSha256: 'SCRAM-SHA-256',
  /** SCRAM with SHA-512: the password never crosses the wire (the default). */
  ScramSha512: 'SCRAM-SHA-512',
} as const;

/** One of {@link SaslMechanism}. */
export type SaslMechanism = (typeof SaslMechanism)[keyof typeof SaslMechanism];

/** Every mechanism, in the order error messages list them. */
export const saslMechanisms: readonly SaslMechanism[] = Object.values(SaslMechanism);

/** Reads a mechanism name, ignoring case (`scram-sha-512` is accepted); `undefined` if unknown. */
export function parseSaslMechanism(value: string): SaslMechanism | undefined {
  const upper = value.trim().toUpperCase();
  return saslMechanisms.find((mechanism) => mechanism === upper);
}
