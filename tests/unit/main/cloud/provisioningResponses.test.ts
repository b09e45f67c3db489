import {
  commandListSchema,
  commandSchema,
  deviceRecordSchema,
  ruleListSchema,
} from '../../../../src-main/cloud/provisioningResponses';

const serverCertificate = { request: { serverCertificate: { secTag: 16842753, content: 'x' } } };

describe('the provisioning rule list (docs/protocol.md §5.1)', () => {
  it('reads {items} with tags, active and command types', () => {
    const rules = ruleListSchema.parse({
      items: [
        {
          id: 'r1',
          name: 'nRF Cloud Onboarding',
          description: 'Onboarding rule for nRF Cloud',
          active: true,
          tags: ['nrf-cloud-onboarding'],
          commands: [{ request: { clientPrivateKeyGeneration: { secTag: 1 } } }, serverCertificate],
        },
      ],
      total: 1,
    });
    expect(rules).toEqual([
      {
        id: 'r1',
        name: 'nRF Cloud Onboarding',
        description: 'Onboarding rule for nRF Cloud',
        isActive: true,
        tags: ['nrf-cloud-onboarding'],
        commandTypes: ['clientPrivateKeyGeneration', 'serverCertificate'],
      },
    ]);
  });

  it.each([
    [{ active: false }, false],
    [{}, undefined],
    [{ active: 'yes' }, undefined],
    [{ status: 'ACTIVE' }, true],
    [{ status: 'DRAFT' }, false],
    [{ status: 'SOMETHING' }, undefined],
  ])('reads %j as isActive %s', (fields, isActive) => {
    const [rule] = ruleListSchema.parse({ items: [{ name: 'r', tags: ['t'], ...fields }] });
    expect(rule?.isActive).toBe(isActive);
  });

  it('tolerates missing names, tags and commands, and a bare array', () => {
    expect(ruleListSchema.parse([{ id: 'x' }])).toEqual([
      { id: 'x', name: '(unnamed rule)', isActive: undefined, tags: [], commandTypes: [] },
    ]);
  });

  it('drops an item whose tags are not strings instead of failing the whole list', () => {
    const rules = ruleListSchema.parse({
      items: [
        { name: 'bad', tags: [1] },
        { name: 'ok', tags: ['t'] },
      ],
    });
    expect(rules.map((r) => r.name)).toEqual(['ok']);
  });

  it('refuses an answer that is no list at all', () => {
    expect(ruleListSchema.safeParse({ message: 'hello' }).success).toBe(false);
    expect(ruleListSchema.safeParse('text').success).toBe(false);
  });
});

describe('provisioning commands (docs/protocol.md §6, list shape unverified)', () => {
  const command = {
    id: 'c1',
    request: { serverCertificate: {} },
    status: 'PENDING',
    createdAt: 't',
  };

  it.each([
    ['{items}', { items: [command] }],
    ['a bare array', [command]],
    ['{commands}', { commands: [command] }],
    ['{data}', { data: [command] }],
    ['{results}', { results: [command] }],
  ])('reads %s', (_name, body) => {
    expect(commandListSchema.parse(body)).toEqual([
      { id: 'c1', type: 'serverCertificate', status: 'PENDING', createdAt: 't' },
    ]);
  });

  it('keeps unknown statuses as they are, names a missing one UNKNOWN, drops items without an id', () => {
    const list = commandListSchema.parse({
      items: [
        { id: 'a', request: { finished: {} }, status: 'CANCELLED' },
        { id: 'b', request: { cloudAccessKeyGeneration: {} } },
        { request: { serverCertificate: {} }, status: 'PENDING' },
        'junk',
      ],
    });
    expect(list).toEqual([
      { id: 'a', type: 'finished', status: 'CANCELLED' },
      { id: 'b', type: 'cloudAccessKeyGeneration', status: 'UNKNOWN' },
    ]);
  });

  it('takes commandId and a type field when there is no id or request', () => {
    expect(commandSchema.parse({ commandId: 'x', type: 'finished', status: 'SUCCEEDED' })).toEqual({
      id: 'x',
      type: 'finished',
      status: 'SUCCEEDED',
    });
  });

  it("carries a failed command's words from its response or error field", () => {
    expect(
      commandSchema.parse({
        id: 'x',
        request: { clientPrivateKeyGeneration: {} },
        status: 'FAILED',
        response: { error: { message: 'AT cmd failed, error: 65536' } },
      }).errorText,
    ).toBe('AT cmd failed, error: 65536');
    expect(
      commandSchema.parse({ id: 'y', status: 'FAILED', errorMessage: 'no space' }).errorText,
    ).toBe('no space');
    // A successful response is not an error, whatever it holds.
    expect(
      commandSchema.parse({ id: 'z', status: 'SUCCEEDED', response: { message: 'ok' } }),
    ).not.toHaveProperty('errorText');
  });
});

describe('the device record (docs/protocol.md §7)', () => {
  it('reads the connection status and $meta.updatedAt', () => {
    expect(
      deviceRecordSchema.parse({
        id: 'd',
        $meta: { createdAt: 'c', updatedAt: 'u' },
        state: { reported: { connection: { status: 'connected', keepalive: 1200 } } },
      }),
    ).toEqual({ isOnboarded: true, connectionStatus: 'connected', updatedAt: 'u' });
  });

  it('is onboarded without either, and ignores fields of the wrong type', () => {
    expect(deviceRecordSchema.parse({})).toEqual({ isOnboarded: true });
    expect(
      deviceRecordSchema.parse({ state: { reported: { connection: { status: 7 } } }, $meta: 'x' }),
    ).toEqual({ isOnboarded: true });
  });
});
