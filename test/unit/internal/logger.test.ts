import { describe, expect, it, vi } from 'vitest';
import { consoleLogger, goodweConnection, type MessageFirstLogger } from 'goodwe-kafka';

function recorder(): MessageFirstLogger & { lines: unknown[][] } {
  const lines: unknown[][] = [];
  const record =
    (level: string) =>
    (...args: unknown[]): void => {
      lines.push([level, ...args]);
    };
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

describe('consoleLogger', () => {
  it('writes the message first and the fields after it, to the method of the same level', () => {
    const target = recorder();
    const logger = consoleLogger({ level: 'debug', target });
    logger.warn({ topic: 'ACME01', partition: 2 }, 'partition paused');
    logger.error({}, 'commit failed');
    expect(target.lines).toEqual([
      ['warn', 'partition paused', { topic: 'ACME01', partition: 2 }],
      ['error', 'commit failed'],
    ]);
  });

  it('drops the lines below its level, and defaults to info', () => {
    const target = recorder();
    const byDefault = consoleLogger({ target });
    byDefault.debug({}, 'fetch');
    byDefault.info({}, 'assigned');
    const warnOnly = consoleLogger({ level: 'warn', target });
    warnOnly.info({}, 'assigned');
    warnOnly.error({}, 'failed');
    expect(target.lines).toEqual([
      ['info', 'assigned'],
      ['error', 'failed'],
    ]);
  });

  it('writes to console by default', () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    try {
      consoleLogger().info({ records: 3 }, 'batch done');
      expect(info).toHaveBeenCalledWith('batch done', { records: 3 });
    } finally {
      info.mockRestore();
    }
  });

  it('refuses an unknown level', () => {
    expect(() => consoleLogger({ level: 'verbose' as never })).toThrow(
      /"verbose" is not one of debug, info, warn, error/,
    );
  });
});

describe('a logger option given console itself', () => {
  it('writes the message first, not the fields object, and drops debug lines', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    try {
      const connection = goodweConnection({
        bootstrapServers: 'localhost:9093',
        topic: 'ACME01',
        tls: { rejectUnauthorized: false },
        logger: console,
      });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toMatch(/^Kafka connection does not fully verify the broker certificate/);
      expect(warn.mock.calls[0]![1]).toMatchObject({ rejectUnauthorized: false });
      connection.logger.debug({}, 'noise');
      expect(debug).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      debug.mockRestore();
    }
  });
});
