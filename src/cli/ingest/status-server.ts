import { createServer, type Server } from 'node:http';
import type { ConsumerHealth } from '../../consumer/consumer-stats.js';
import type { MetricFamily } from '../../metrics/metric-family.js';
import { PROMETHEUS_CONTENT_TYPE, toPrometheusText } from '../../metrics/prometheus-text.js';
import { UsageError } from '../usage-error.js';

/** What the status server reports. */
export interface StatusSource {
  health: () => ConsumerHealth;
  metrics: () => MetricFamily[];
}

/** `host:port` or `port` (host 127.0.0.1); port 0 picks a free one. */
export function parseListen(text: string, command: string): { host: string; port: number } {
  const match = /^(?:(\[[^\]]+\]|[^:]+):)?(\d{1,5})$/.exec(text.trim());
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65_535) throw new UsageError(`--listen must be PORT or HOST:PORT, not "${text}"`, command);
  return { host: match[1]?.replace(/^\[|\]$/g, '') ?? '127.0.0.1', port };
}

/**
 * Serves `/healthz` (200 while the consumer is `running`, 503 otherwise, with the state as JSON)
 * and `/metrics` (Prometheus text) for a long-running command. Resolves once listening.
 */
export async function startStatusServer(
  listen: { host: string; port: number },
  source: StatusSource,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (path === '/healthz') {
      const { state, lastError, lastDeliveryAt } = source.health();
      const body = JSON.stringify({
        state,
        lastError: lastError?.message,
        lastDeliveryAt: lastDeliveryAt?.toISOString(),
      });
      response.writeHead(state === 'running' ? 200 : 503, { 'content-type': 'application/json' }).end(body);
    } else if (path === '/metrics') {
      response.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE }).end(toPrometheusText(source.metrics()));
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: try /healthz or /metrics\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
