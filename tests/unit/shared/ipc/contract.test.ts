import { describe, expect, it, vi } from 'vitest';
import { apiMethods, buildApi, eventMethodName } from '../../../../src-shared/ipc/contract';
import { contract, domains } from '../../../../src-shared/ipc/index';

describe('the IPC contract', () => {
  const all = Object.values(domains).flatMap((domain) => Object.entries(domain));

  it('declares every key and channel exactly once across domains', () => {
    const keys = all.map(([key]) => key);
    const channels = all.map(([, spec]) => spec.channel);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(channels).size).toBe(channels.length);
    expect(Object.keys(contract)).toHaveLength(keys.length);
  });

  it('names invoke channels domain:verb-noun and events domain:noun[-verb], in their own domain', () => {
    for (const [domainName, domain] of Object.entries(domains)) {
      for (const spec of Object.values(domain)) {
        expect(spec.channel).toMatch(
          spec.kind === 'invoke' ? /^[a-z]+:[a-z]+(-[a-z]+)+$/ : /^[a-z]+:[a-z]+(-[a-z]+)*$/,
        );
        expect(spec.channel.split(':')[0]).toBe(domainName);
      }
    }
  });

  it('builds one function per invoke channel and one subscribe per event', async () => {
    const invoke = vi.fn(async (channel: string, input: unknown) => ({
      ok: true,
      value: { channel, input },
    }));
    const unsubscribe = vi.fn();
    const subscribe = vi.fn(() => unsubscribe);
    const api = buildApi(contract, { invoke, subscribe }) as unknown as Record<
      string,
      (...a: unknown[]) => unknown
    >;

    expect(Object.keys(api).sort()).toEqual(
      apiMethods(contract)
        .map((m) => m.method)
        .sort(),
    );
    await api.connect?.({ path: '/dev/ttyACM0' });
    expect(invoke).toHaveBeenCalledWith('serial:open-session', { path: '/dev/ttyACM0' });
    const off = api.onDevicesChanged?.(() => undefined) as () => void;
    expect(subscribe).toHaveBeenCalledWith('serial:devices-changed', expect.any(Function));
    off();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });

  it('derives event method names', () => {
    expect(eventMethodName('devicesChanged')).toBe('onDevicesChanged');
  });
});
