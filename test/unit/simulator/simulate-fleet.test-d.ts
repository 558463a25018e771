import { describe, expectTypeOf, it } from 'vitest';
import type { PublishSimulationOptions } from '../../../src/simulator/publish-simulation.js';
import { simulateFleet, type SimulatedMessage } from '../../../src/simulator/simulate-fleet.js';
import type { ResolvedSimulationOptions, SimulationOptions } from '../../../src/simulator/simulation-options.js';

describe('simulator types', () => {
  it('takes every option as optional and resolves them with defaults', () => {
    expectTypeOf<Record<never, never>>().toExtend<SimulationOptions>();
    expectTypeOf<SimulationOptions['start']>().toEqualTypeOf<Date | number | string | undefined>();
    expectTypeOf<ResolvedSimulationOptions['start']>().toEqualTypeOf<number>();
    expectTypeOf<ResolvedSimulationOptions['loss']>().toEqualTypeOf<number>();
  });

  it('yields messages whose kind is a closed union', () => {
    expectTypeOf<SimulatedMessage['kind']>().toEqualTypeOf<'reading' | 'duplicate' | 'late' | 'invalid'>();
    expectTypeOf(simulateFleet()).toExtend<Iterable<SimulatedMessage>>();
  });

  it('requires a topic and a simulation to publish', () => {
    expectTypeOf<PublishSimulationOptions['topic']>().toEqualTypeOf<string>();
    // @ts-expect-error the topic is required
    const missing: PublishSimulationOptions = { simulation: {} };
    void missing;
  });
});
