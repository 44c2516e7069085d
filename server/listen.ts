import type { AddressInfo } from 'node:net';
import type { AdminOperations } from './admin/operations.js';
import { buildApp, type AppOptions } from './app.js';
import { ToolError } from './errors.js';
import type { MockState } from './state.js';

export interface ListenOptions extends AppOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface RunningMock {
  /** Origin of the appliance, e.g. `http://127.0.0.1:8080`. */
  url: string;
  state: MockState;
  /** The admin operations, callable in-process whether or not the HTTP admin API is on. */
  admin: AdminOperations;
  close(): Promise<void>;
}

/** Starts a mock appliance on a real socket. */
export async function listen(options: ListenOptions = {}): Promise<RunningMock> {
  const host = options.host ?? '127.0.0.1';
  const { app, state, admin } = await buildApp(options);
  try {
    await app.listen({ host, port: options.port ?? 0 });
  } catch (err) {
    await app.close();
    throw new ToolError('LISTEN_FAILED', `${host}:${options.port ?? 0}: ${(err as Error).message}`);
  }
  const address = app.server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    state,
    admin,
    close: () => app.close(),
  };
}
