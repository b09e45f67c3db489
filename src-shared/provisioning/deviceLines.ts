/**
 * What one line a device printed means for provisioning: the log lines of the `nrf_provisioning`
 * library in its three versions (docs/protocol.md §8.5, §9), the sample's and the shell's lines
 * (§10), Serial Modem's (§11) and the Asset Tracker Template's (§12), and the failure signatures
 * of §14. Lines that mean nothing for provisioning give no events.
 */
import type { ErrorCode } from '../ipc/errors';
import { splitDeviceLine, type DeviceLine } from './logPrefix';
import type { ProvisioningEvent, ProvisioningStage } from './model';
import { parseXnrfprov } from './xnrfprov';

interface Rule {
  match: RegExp;
  /** Only lines of these modules: for messages as plain as `Connected` or `Finished`. */
  modules?: RegExp;
  /** Match the whole cleaned line rather than the message (codec debug lines). */
  isOnText?: true;
  events: (line: DeviceLine, match: RegExpExecArray) => ProvisioningEvent[];
}

// The library's own modules (§9.1 to §9.4).
const LIBRARY = /^nrf_provisioning(_coap|_http|_codec)?$/;
const CLOUD_TRANSPORT = /^nrf_cloud_coap_transport$/;

const stage =
  (name: ProvisioningStage) =>
  (line: DeviceLine): ProvisioningEvent[] => [
    { kind: 'stage', stage: name, source: 'device', text: line.text },
  ];

const lte =
  (isUp: boolean) =>
  (line: DeviceLine): ProvisioningEvent[] => [
    { kind: 'lte', isUp, source: 'device', text: line.text },
  ];

const noCommands = (line: DeviceLine): ProvisioningEvent[] => [
  { kind: 'no-commands', source: 'device', text: line.text },
];

/** `isFatal` false: the library or ATT tries again by itself (back-off, schedule, waiting). */
const failure =
  (code: ErrorCode, isFatal: boolean) =>
  (line: DeviceLine): ProvisioningEvent[] => [
    { kind: 'failure', code, isFatal, source: 'device', text: line.text },
  ];

// +CEREG <stat>: 1 home, 5 roaming are registered; 0, 3, 4 are not; 2 (searching) says nothing yet.
function cereg(line: DeviceLine, match: RegExpExecArray): ProvisioningEvent[] {
  const stat = Number(match[1]);
  if (stat === 1 || stat === 5)
    return [{ kind: 'lte', isUp: true, source: 'device', text: line.text }];
  if (stat === 0 || stat === 3 || stat === 4) {
    return [{ kind: 'lte', isUp: false, source: 'device', text: line.text }];
  }
  return [];
}

// `#XNRFCLOUD: <ready>,<send_location>[,<sec_tag>,"<client id>"]`: ready 1 is connected (§11).
function xnrfcloud(line: DeviceLine, match: RegExpExecArray): ProvisioningEvent[] {
  if (match[1] !== '1') return [];
  const events: ProvisioningEvent[] = [];
  if (match[2] !== undefined && match[2] !== '') {
    events.push({ kind: 'client-id', clientId: match[2], text: line.text });
  }
  events.push({ kind: 'stage', stage: 'connected', source: 'device', text: line.text });
  return events;
}

function clientId(line: DeviceLine, match: RegExpExecArray): ProvisioningEvent[] {
  const id = match[1] ?? '';
  return [
    { kind: 'client-id', clientId: id, text: line.text },
    { kind: 'stage', stage: 'connecting', source: 'device', text: line.text },
  ];
}

// First match wins, so the specific forms of "Provisioning failed..." and "Provisioning done..."
// come before the general ones.
const rules: readonly Rule[] = [
  // Serial Modem notifications (§11) and registration changes (§8.4).
  { match: /^#XNRFPROV:/i, events: (line) => parseXnrfprov(line.message) },
  { match: /^\+CEREG: ?(\d+)/, events: cereg },
  { match: /^#XNRFCLOUD: ?(\d)(?:,\d+(?:,\d+,"([^"]*)")?)?/i, events: xnrfcloud },

  // No commands: done, or claimed without a rule (§14.1).
  { match: /^No (more )?commands to process( on server side)?$/, events: noCommands },
  { match: /^Provisioning done, no commands received from the server/, events: noCommands },
  { match: /^No commands from the nRF Provisioning Service to process/, events: noCommands },

  // Not claimed (§14.2). The library or ATT asks again later; Serial Modem's -2 ends the attempt.
  {
    match: /^Unauthorized access: device is not yet claimed/,
    events: failure('PROVISIONING_NOT_CLAIMED', false),
  },
  {
    match: /^(Device not authorized|Unauthorized(, code \d+)?)$/,
    modules: LIBRARY,
    events: failure('PROVISIONING_NOT_CLAIMED', false),
  },
  // lib-mid counts a 403 as not claimed; lib-new fails generically (§9.2, §9.3): either way the
  // server refused the device, which a claim by this team would have prevented.
  {
    match: /^Device provided wrong auth credentials/,
    events: failure('PROVISIONING_NOT_CLAIMED', false),
  },
  // The application's own line comes once the library gave the attempt up: after this app's
  // claim, "not claimed" will not heal by waiting (the claim did not reach the service).
  {
    match: /^Provisioning failed[,:] device not claimed/,
    events: failure('PROVISIONING_NOT_CLAIMED', true),
  },

  // Wrong root CA (§14.3): the library never replaces a filled sec tag, so it cannot heal.
  {
    match: /^Connection refused$/,
    modules: LIBRARY,
    events: failure('PROVISIONING_WRONG_ROOT_CA', true),
  },
  {
    match: /^Please check the CA certificate stored in sectag \d+/,
    events: failure('PROVISIONING_WRONG_ROOT_CA', true),
  },
  {
    match: /^Provisioning failed[,:] wrong (root )?CA certificate/,
    events: failure('PROVISIONING_WRONG_ROOT_CA', true),
  },

  // No network time (§14.4): the library waits and tries again.
  {
    match: /^Failed to get valid (modem|date) time/,
    events: failure('PROVISIONING_NO_TIME', false),
  },
  // The application's line after the library waited for time in vain: it gives up the attempt.
  {
    match: /^Provisioning failed[,:] no valid (datetime reference|modem\/network time)/,
    events: failure('PROVISIONING_NO_TIME', true),
  },
  {
    match: /^Waiting for modem to acquire network time/,
    events: failure('PROVISIONING_NO_TIME', false),
  },

  // Too many commands (§14.8): the same list comes again, so retrying cannot help.
  {
    match: /^Not enough memory to process the incoming list of commands/,
    events: failure('PROVISIONING_TOO_MANY_COMMANDS', true),
  },
  {
    match: /^Provisioning failed[,:] too many commands for the device/,
    events: failure('PROVISIONING_TOO_MANY_COMMANDS', true),
  },

  // Modem firmware too old (§14.5): the device cannot sign its JWT.
  {
    match: /^Failed to generate (JWT|authentication token)/,
    events: failure('PROVISIONING_MODEM_TOO_OLD', true),
  },
  { match: /^AT cmd failed, error: -?\d+/, events: failure('PROVISIONING_COMMAND_FAILED', true) },

  // The trigger itself was refused (§10 shell, §11 Serial Modem).
  {
    match: /^Provisioning library is not initialized/,
    events: failure('PROVISIONING_TRIGGER_FAILED', true),
  },
  {
    match: /^Provisioning failed, err -?\d+/,
    events: failure('PROVISIONING_TRIGGER_FAILED', true),
  },
  {
    match: /^Failed to trigger provisioning: -?\d+/,
    events: failure('PROVISIONING_TRIGGER_FAILED', true),
  },

  // Given up: ATT's and the sample's fatal errors, Serial Modem's "irrecoverable".
  {
    match: /^Provisioning (error(, irrecoverable)?|failed: irrecoverable)$/,
    events: failure('PROVISIONING_FAILED', true),
  },
  // The module switches LTE for the library; not answering in time fails the attempt (§14.7).
  {
    match: /^Timeout waiting for the desired functional mode/,
    events: failure('PROVISIONING_FAILED', false),
  },
  // Retried by the library (busy, timeouts, network trouble) (§8.5, §9).
  {
    match:
      /^(Provisioning failed(, error: -?\d+|: try again.*)?|Provisioning client busy|Provisioning timed out|(Busy|Timeout), retrying in \d+ seconds|Invalid exchange|Unable to resolve address|Failed to connect UDP socket.*|Failed to send response.*)$/,
    events: failure('PROVISIONING_FAILED', false),
  },
  {
    match: /^(Internal server error|Service unavailable|Internal error|Bad request|Forbidden)$/,
    modules: LIBRARY,
    events: failure('PROVISIONING_FAILED', false),
  },

  // LTE going away and coming back is part of provisioning (§8.4), never a failure.
  { match: /^Disconnected from network - provisioning paused/, events: lte(false) },
  { match: /^Connected; (home network|roaming)/, events: lte(true) },
  { match: /requires device to deactivate (LTE|network)/, events: lte(false) },
  { match: /requires device to activate (LTE|network)/, events: lte(true) },
  { match: /^Modem connection restored/, events: lte(true) },

  // The milestones.
  { match: /^Externally initiated provisioning/, events: stage('triggered') },
  { match: /^Provisioning:? started$/, events: stage('waiting-for-device') },
  {
    match: /^(DTLS setup|Connected|Requesting commands)$/,
    modules: LIBRARY,
    events: stage('waiting-for-device'),
  },
  {
    match: /^(Processing commands|Received \d+ commands.*|Sending response to server)$/,
    modules: LIBRARY,
    events: stage('commands-received'),
  },
  { match: /command: "?AT%KEYGEN/i, isOnText: true, events: stage('keys-generated') },
  { match: /command: "?AT%CMNG=0/i, isOnText: true, events: stage('certificates-installed') },
  { match: /^Finished$/, modules: LIBRARY, events: stage('finished') },
  {
    match:
      /^(Provisioning:? done|Provisioning finished|Provisioning done, rebooting.*|The device can now connect to the provision\w* cloud service)$/,
    events: stage('finished'),
  },
  // nRF Cloud refused the connection (§14.1, §14.6): the fold tells the causes apart.
  {
    match: /^nRF Cloud CoAP connection failed, unauthorized or invalid credentials/,
    events: (line) => [{ kind: 'cloud-refused', source: 'device', text: line.text }],
  },
  { match: /^Connecting to nRF Cloud CoAP with client ID: ?(\S+)/, events: clientId },
  { match: /^Connecting to nRF Cloud CoAP/, events: stage('connecting') },
  {
    match: /^(Request authorization with JWT|Authorization result_code: .*|Authorized)$/,
    modules: CLOUD_TRANSPORT,
    events: stage('connecting'),
  },
  {
    match: /^(nRF Cloud CoAP connection successful|Connected to (nRF )?Cloud)\b/,
    events: stage('connected'),
  },
];

/** The provisioning events one line means (usually none or one; a client-id line gives two). */
export function parseDeviceLine(raw: string): ProvisioningEvent[] {
  const line = splitDeviceLine(raw);
  if (line.message === '') return [];
  for (const rule of rules) {
    if (
      rule.modules !== undefined &&
      (line.module === undefined || !rule.modules.test(line.module))
    )
      continue;
    const match = rule.match.exec(rule.isOnText === true ? line.text : line.message);
    if (match !== null) return rule.events(line, match);
  }
  return [];
}
