import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AdminOperations } from './admin/operations.js';
import { buildApp, type AppOptions } from './app.js';
import { ToolError } from './errors.js';
import type { MockState } from './state.js';

export interface ListenOptions extends AppOptions {
  host?: string;
  /** 0 picks a free port. HTTPS when `tls` is given. */
  port?: number;
  /** PEM certificate and key: the main port speaks HTTPS. */
  tls?: { key: string; cert: string };
  /** With `tls`: a second port that speaks plain HTTP to the same appliance (spec §1.1). */
  httpPort?: number;
}

export interface RunningMock {
  /** Origin of the appliance, e.g. `http://127.0.0.1:8080` (`https://` with TLS). */
  url: string;
  /** The plain-HTTP origin next to HTTPS, when one was asked for. */
  httpUrl?: string;
  state: MockState;
  /** The admin operations, callable in-process whether or not the HTTP admin API is on. */
  admin: AdminOperations;
  close(): Promise<void>;
}

function origin(scheme: 'http' | 'https', server: Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${scheme}://${host}:${address.port}`;
}

function listenPlain(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closePlain(server: Server | undefined): Promise<void> {
  if (!server?.listening) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * Starts a mock appliance on a real socket. The whole state (world file included) is built
 * before anything listens, so a bad option or fixture never leaves a half-started server.
 */
export async function listen(options: ListenOptions = {}): Promise<RunningMock> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (options.httpPort !== undefined && !options.tls) {
    throw new ToolError(
      'BAD_OPTION',
      'a plain-HTTP port next to the main one needs TLS on the main one',
    );
  }

  // One request handler serves both sockets, so HTTPS and HTTP see the same appliance.
  let plain: Server | undefined;
  const tls = options.tls;
  const serverFactory = tls
    ? (handler: RequestListener) => {
        if (options.httpPort !== undefined) plain = createHttpServer(handler);
        return createHttpsServer({ key: tls.key, cert: tls.cert }, handler) as unknown as Server;
      }
    : undefined;
  const { app, state, admin } = await buildApp({
    ...options,
    ...(serverFactory ? { serverFactory } : {}),
  });

  try {
    await app.listen({ host, port });
    if (plain) await listenPlain(plain, options.httpPort!, host);
  } catch (err) {
    await closePlain(plain);
    await app.close();
    throw new ToolError('LISTEN_FAILED', `${host}: ${(err as Error).message}`);
  }
  const running: RunningMock = {
    url: origin(tls ? 'https' : 'http', app.server),
    state,
    admin,
    close: async () => {
      await closePlain(plain);
      await app.close();
    },
  };
  if (plain) running.httpUrl = origin('http', plain);
  return running;
}
