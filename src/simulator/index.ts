// The public API of goodwe-kafka/simulator: a realistic GoodWe-like fleet with injected faults,
// for testing an ingestion pipeline and for the CLI's `simulate` and `demo`. A subpath of its own,
// so that the SDK's main entry stays what a consumer needs. Every export is listed by name.

// First: fails with a PeerDependencyError, before any schema is built, when the app's zod is too old.
import '../peer/require-zod-4.js';

export { simulateFleet } from './simulate-fleet.js';
export type { FleetSimulation, SimulatedMessage, SimulatedMessageKind } from './simulate-fleet.js';
export { simulationOptionsSchema, parseSimulationOptions } from './simulation-options.js';
export type { SimulationOptions, ResolvedSimulationOptions } from './simulation-options.js';
export { MAX_LOST_LISTED } from './simulation-report.js';
export type { SimulationReport, LostReading, InverterCounts } from './simulation-report.js';
export { INVALID_PAYLOAD_KINDS } from './invalid-payload.js';
export type { InvalidPayloadKind } from './invalid-payload.js';
export type { InverterProfile } from './inverter-profile.js';
export type { InverterModel } from './inverter-models.js';
export { publishSimulation, publishSimulationOptionsSchema, THROUGHPUT_PRODUCER_CONFIG } from './publish-simulation.js';
export type {
  PublishSimulationOptions,
  PublishSimulationResult,
  PublishProgress,
  MessageSender,
} from './publish-simulation.js';
