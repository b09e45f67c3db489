/**
 * Builds the real main-process services for tests: a temp data folder, settings through conf,
 * the real logger, a fake OS key store, a local nRF Cloud, and serial ports that are simulated
 * devices on real ptys (listed as kits, opened with serialport's native binding).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PortInfo } from '../../src-shared/devices/kits';
import type { Result } from '../../src-shared/ipc/errors';
import { contract } from '../../src-shared/ipc/index';
import { startDemoEnvironment } from '../../src-main/demo';
import { dispatch } from '../../src-main/ipc/dispatch';
import { createLogger, type Logger } from '../../src-main/logging/logger';
import { openConfSettings } from '../../src-main/persistence/confBackend';
import type { SettingsStore } from '../../src-main/persistence/settingsStore';
import { nativeBinding } from '../../src-main/serial/portConnection';
import { createAppServices, type AppServices } from '../../src-main/services';
import {
  startFakeCloud,
  type FakeCloud,
  type FakeCloudOptions,
} from '../../src-main/sim/fakeCloud/server';
import { startPtySimulator } from '../../src-main/sim/transports/ptySimulator';
import type { SimulatorOptions } from '../../src-main/sim/device/options';

export interface TestPort {
  /** How the port is listed (a kit identity, so grouping treats it as real hardware). */
  info: Omit<PortInfo, 'path'>;
  /** A simulated device on a pty; omit for a port path that exists but never answers. */
  simulator?: SimulatorOptions;
  /** A port path that is not a simulator (e.g. a silent pty made by the test). */
  path?: string;
}

export interface TestApp {
  services: AppServices;
  dataDir: string;
  settings: SettingsStore;
  logger: Logger;
  cloud: FakeCloud;
  ports: Array<{ path: string; disconnect?: () => Promise<void> }>;
  copied: string[];
  /** URLs the app asked the OS to open (after its own allowlist check). */
  opened: string[];
  savedDir: string;
  /** Plugs a port in (a new simulator on a pty), as a hub would; returns its path. */
  plug(port: TestPort): Promise<string>;
  /** Unplugs a listed port: it leaves the OS list and its simulator stops. */
  unplug(path: string): Promise<void>;
  dispose(): Promise<void>;
}

/** A fake OS key store: reversible, but never the plain text (tests check the file). */
export const fakeEncryption = {
  isAvailable: () => true,
  backend: () => 'test-keychain',
  encrypt: (plain: string) =>
    new TextEncoder().encode(Buffer.from(plain).toString('base64').split('').reverse().join('')),
  decrypt: (cipher: Uint8Array) =>
    Buffer.from(new TextDecoder().decode(cipher).split('').reverse().join(''), 'base64').toString(),
};

/**
 * A simulated device reaches the local cloud's provisioning service, as a real one reaches
 * nRF Cloud, unless its options name a link of their own (`link: undefined` for none).
 */
export function withCloudLink(simulator: SimulatorOptions, cloud: FakeCloud): SimulatorOptions {
  const provisioning = simulator.provisioning ?? {};
  if ('link' in provisioning) return simulator;
  return { ...simulator, provisioning: { ...provisioning, link: cloud.deviceLink() } };
}

export async function createTestApp(
  options: {
    ports?: TestPort[];
    pollIntervalMs?: number;
    /** Writes files into the data folder before the app opens it (damaged journal, old settings). */
    seedDataDir?: (dataDir: string) => void;
    /** Options of the local nRF Cloud (e.g. a team's provisioning rules). */
    cloud?: Omit<FakeCloudOptions, 'port'>;
  } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onboarder-test-'));
  options.seedDataDir?.(dataDir);
  const savedDir = join(dataDir, 'saved');
  mkdirSync(savedDir, { recursive: true });
  const logger = createLogger({ dir: join(dataDir, 'logs') });
  const settings = openConfSettings(dataDir);
  const cloud = await startFakeCloud({ ...options.cloud, port: 0 });
  settings.updatePublicSettings({
    apiBaseUrl: cloud.apiBaseUrl,
    provisioningBaseUrl: cloud.provisioningBaseUrl,
  });

  const ports: TestApp['ports'] = [];
  const listed: PortInfo[] = [];
  const plug = async (port: TestPort): Promise<string> => {
    if (port.simulator) {
      const sim = await startPtySimulator(withCloudLink(port.simulator, cloud));
      ports.push({ path: sim.path, disconnect: () => sim.close() });
      listed.push({ path: sim.path, ...port.info });
      return sim.path;
    }
    if (port.path === undefined) throw new Error('a test port needs a simulator or a path');
    ports.push({ path: port.path });
    listed.push({ path: port.path, ...port.info });
    return port.path;
  };
  for (const port of options.ports ?? []) {
    if (port.simulator || port.path) await plug(port);
  }
  const unplug = async (path: string): Promise<void> => {
    const at = listed.findIndex((p) => p.path === path);
    if (at >= 0) listed.splice(at, 1);
    const index = ports.findIndex((p) => p.path === path);
    const [port] = index >= 0 ? ports.splice(index, 1) : [];
    await port?.disconnect?.().catch(() => undefined);
  };
  const copied: string[] = [];
  const opened: string[] = [];
  const services = await createAppServices({
    info: { name: 'Onboarder', version: '0.0.0-test', platform: process.platform, dataDir },
    dataDir,
    settings,
    logger,
    serial: {
      binding: await nativeBinding(),
      list: async () => [...listed],
      pollIntervalMs: options.pollIntervalMs ?? 300,
    },
    encryption: fakeEncryption,
    startDemo: startDemoEnvironment,
    openExternal: async (url) => {
      opened.push(url);
    },
    copyText: (text) => {
      copied.push(text);
    },
    chooseSavePath: async (name) => join(savedDir, name),
    saveTextFile: async (name, content) => {
      const path = join(savedDir, name);
      writeFileSync(path, content);
      return { path };
    },
  });
  return {
    services,
    dataDir,
    settings,
    logger,
    cloud,
    ports,
    copied,
    opened,
    savedDir,
    plug,
    unplug,
    async dispose() {
      await services.dispose();
      await Promise.all(ports.map((p) => p.disconnect?.().catch(() => undefined)));
      await cloud.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls a channel through the same dispatch the preload and the e2e harness use. */
export async function callChannel<T>(
  app: TestApp,
  channel: string,
  input: unknown,
): Promise<Result<T>> {
  return (await dispatch(contract, app.services.table, channel, input)) as Result<T>;
}

/** Like callChannel, but the value: an error result throws with its code and message. */
export async function callValue<T>(app: TestApp, channel: string, input: unknown): Promise<T> {
  const result = await callChannel<T>(app, channel, input);
  if (!result.ok)
    throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}
