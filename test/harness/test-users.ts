import type { BrokerUser } from './broker-info.js';

// Fixed, well-known test credentials: they only ever exist on a throwaway loopback broker.
// The passwords are distinctive so a test can scan output for them and prove they never leak.
// (No commas: Kafka's `--add-scram` parser splits on them.)

/** Authorised for everything (a super user). */
export const testUser: BrokerUser = { name: 'alice', password: 'alice-pw-7Qx2mZ' };

/** Authenticates, but no ACL grants it anything. */
export const unauthorizedTestUser: BrokerUser = { name: 'mallory', password: 'mallory-pw-9Kd4vR' };

/** Super user used by the harness itself. */
export const adminTestUser: BrokerUser = { name: 'admin', password: 'admin-pw-3Jh8sT' };

/** Every test user. */
export const testUsers: readonly BrokerUser[] = [adminTestUser, testUser, unauthorizedTestUser];
