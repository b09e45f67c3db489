/** One simulated kit over a real pty, onboarded with `nrf-onboard onboard --json` against the local nRF Cloud. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal } from '../../src-main/cloud/journal';
import { main } from '../../src-main/cli/index';
import {
  startFakeCloud,
  type FakeCloud,
  type FakeRuleInit,
} from '../../src-main/sim/fakeCloud/server';
import { defaultFakeCloudKeys, FAKE_DEMO_KEY } from '../../src-main/sim/fakeCloud/teams';
import type { SimulatorOptions } from '../../src-main/sim/device/options';
import { startPtySimulator, type PtySimulator } from '../../src-main/sim/transports/ptySimulator';

export const TENANT = defaultFakeCloudKeys.find((k) => k.key === FAKE_DEMO_KEY)!.tenantId;
export const KIT_UUID = '0b0a7d00-0000-4000-8000-0000000000f1';

/** A claim POST (not the dry run). */
export const isClaimPost = (r: { method: string; path: string }) =>
  r.method === 'POST' && /claimed-devices(?!.*dryrun)/.test(r.path);

export interface KitLine {
  state: string;
  port: string;
  deviceUuid?: string;
  note?: string;
  error?: { code: string; message: string };
  provisioning?: { family: string; stage?: string; lteDrops: number };
}

/** The local cloud, a data folder and the ptys of one test; close() ends them all. */
export interface Bench {
  cloud: FakeCloud;
  dataDir: string;
  kit(simulator: SimulatorOptions): Promise<string>;
  onboard(args: string[]): Promise<{ code: number; lines: string[]; kit: KitLine }>;
  journal(): ReturnType<ReturnType<typeof openJournal>['list']>;
  close(): Promise<void>;
}

/**
 * `nrf-onboard onboard <args>` through the command table against the local cloud `cloud`, with
 * the demo team's key in NRF_CLOUD_API_KEY unless `env` says otherwise.
 */
export async function runOnboard(
  cloud: FakeCloud,
  dataDir: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; out: string; err: string; lines: string[] }> {
  let out = '';
  let err = '';
  const code = await main(
    [
      'onboard',
      '--api-url',
      cloud.apiBaseUrl,
      '--provisioning-url',
      cloud.provisioningBaseUrl,
      '--data-dir',
      dataDir,
      ...args,
    ],
    {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (err += t) },
      env: { NRF_CLOUD_API_KEY: FAKE_DEMO_KEY, ...env },
    },
  );
  const lines = out
    .trimEnd()
    .split('\n')
    .filter((l) => l !== '');
  return { code, out, err, lines };
}

/** Starts the local cloud with `rules` for the demo team (default: the onboarding rule). */
export async function startBench(rules?: readonly FakeRuleInit[]): Promise<Bench> {
  const cloud = await startFakeCloud(rules === undefined ? {} : { teamRules: { [TENANT]: rules } });
  const dataDir = mkdtempSync(join(tmpdir(), 'onboarder-prov-'));
  const ptys: PtySimulator[] = [];
  return {
    cloud,
    dataDir,
    async kit(simulator) {
      const pty = await startPtySimulator(simulator);
      ptys.push(pty);
      return pty.path;
    },
    async onboard(args) {
      const ports = ptys.flatMap((p) => ['--port', p.path]);
      const { code, lines } = await runOnboard(cloud, dataDir, ['--json', ...ports, ...args]);
      return { code, lines, kit: JSON.parse(lines[0] ?? '{}') as KitLine };
    },
    journal: () => openJournal(dataDir).list(),
    async close() {
      await Promise.all(ptys.map((p) => p.close()));
      await cloud.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
