/**
 * Every provisioning line form of docs/protocol.md §8.5 to §12 and §14, as the device prints it
 * (module prefix included), with the events it must give, written compactly by `summarize`.
 */
import type { ProvisioningEvent } from '../../../../src-shared/provisioning/model';

/** `stage:finished`, `lte:down`, `failure:PROVISIONING_NOT_CLAIMED:retried`, `client-id:<id>`... */
export function summarize(event: ProvisioningEvent): string {
  switch (event.kind) {
    case 'stage':
      return `stage:${event.stage}`;
    case 'lte':
      return `lte:${event.isUp ? 'up' : 'down'}`;
    case 'host-action':
      return `host-action:${event.action}`;
    case 'no-commands':
      return 'no-commands';
    case 'failure':
      return `failure:${event.code}:${event.isFatal ? 'fatal' : 'retried'}`;
    case 'cloud-refused':
      return 'cloud-refused';
    case 'client-id':
      return `client-id:${event.clientId}`;
    case 'command':
      return `command:${event.id}:${event.status}`;
  }
}

export interface LineForm {
  /** Where the form comes from. */
  source: string;
  /** The line as logged, without timestamp (tests add one, colour, CR/LF). */
  line: string;
  events: string[];
}

const UUID = '50363954-3931-4d2c-8031-1a0f0a1b2c3d';
const NOT_CLAIMED = 'failure:PROVISIONING_NOT_CLAIMED:retried';
const WRONG_CA = 'failure:PROVISIONING_WRONG_ROOT_CA:fatal';
const NO_TIME = 'failure:PROVISIONING_NO_TIME:retried';
// The application's lines after the library gave up the attempt: final (docs/protocol.md §14.11).
const NOT_CLAIMED_GIVEN_UP = 'failure:PROVISIONING_NOT_CLAIMED:fatal';
const NO_TIME_GIVEN_UP = 'failure:PROVISIONING_NO_TIME:fatal';
const RETRIED = 'failure:PROVISIONING_FAILED:retried';
const FATAL = 'failure:PROVISIONING_FAILED:fatal';
const TOO_MANY = 'failure:PROVISIONING_TOO_MANY_COMMANDS:fatal';
const TRIGGER = 'failure:PROVISIONING_TRIGGER_FAILED:fatal';

// One form per line reads as the table it is.
// prettier-ignore
export const lineForms: readonly LineForm[] = [
  // §9.1 nrf_provisioning, lib-new
  { source: '§9.1', line: '<wrn> nrf_provisioning: Unauthorized access: device is not yet claimed.', events: [NOT_CLAIMED] },
  { source: '§9.1', line: '<err> nrf_provisioning: Connection refused', events: [WRONG_CA] },
  { source: '§9.1', line: '<wrn> nrf_provisioning: Please check the CA certificate stored in sectag 189298', events: [WRONG_CA] },
  { source: '§9.1', line: '<err> nrf_provisioning: Provisioning failed, error: -5', events: [RETRIED] },
  { source: '§9.1', line: '<wrn> nrf_provisioning: Provisioning client busy', events: [RETRIED] },
  { source: '§9.1', line: '<wrn> nrf_provisioning: Provisioning timed out', events: [RETRIED] },
  { source: '§9.1', line: '<wrn> nrf_provisioning: Retrying in 60 seconds', events: [] },
  { source: '§9.1', line: '<err> nrf_provisioning: Not enough memory to process the incoming list of commands', events: [TOO_MANY] },
  { source: '§9.1', line: '<err> nrf_provisioning: Invalid exchange', events: [RETRIED] },
  { source: '§9.1', line: '<err> nrf_provisioning: Failed to get valid modem time, err -116', events: [NO_TIME] },
  { source: '§9.1', line: '<err> nrf_provisioning: Failed to get valid date time, err -116', events: [NO_TIME] },
  { source: '§9.1', line: '<err> nrf_provisioning: Timeout waiting for the desired functional mode', events: [RETRIED] },
  { source: '§9.1 dbg', line: '<dbg> nrf_provisioning: nrf_provisioning_task: Externally initiated provisioning', events: ['stage:triggered'] },
  { source: '§9.1 dbg', line: '<dbg> nrf_provisioning: nrf_provisioning_task: No commands to process', events: ['no-commands'] },
  { source: '§9.1 dbg', line: '<dbg> nrf_provisioning: schedule: Checking for provisioning commands in 86400 seconds', events: [] },
  { source: '§9.1 dbg', line: '<dbg> nrf_provisioning: cert_provision: Certificate already provisioned', events: [] },
  // §9.1 lib-mid
  { source: '§9.1 lib-mid', line: '<inf> nrf_provisioning: Externally initiated provisioning', events: ['stage:triggered'] },
  { source: '§9.1 lib-mid', line: '<inf> nrf_provisioning: Checking for provisioning commands in 5 seconds', events: [] },
  { source: '§9.1 lib-mid', line: '<wrn> nrf_provisioning: Busy, retrying in 60 seconds', events: [RETRIED] },
  { source: '§9.1 lib-mid', line: '<wrn> nrf_provisioning: Timeout, retrying in 120 seconds', events: [RETRIED] },
  { source: '§9.1 lib-mid', line: '<inf> nrf_provisioning: Disconnected from network - provisioning paused', events: ['lte:down'] },
  { source: '§9.1 lib-mid', line: '<inf> nrf_provisioning: Connected; home network - provisioning resumed', events: ['lte:up'] },
  { source: '§9.1 lib-mid', line: '<inf> nrf_provisioning: Connected; roaming - provisioning resumed', events: ['lte:up'] },
  // §8.4 lib-old
  { source: '§8.4 lib-old', line: '<inf> nrf_provisioning: Modem connection restored', events: ['lte:up'] },
  { source: '§8.4 lib-old', line: '<inf> nrf_provisioning: Waiting for modem to acquire network time...', events: [NO_TIME] },
  { source: '§8.4 lib-old', line: '<inf> nrf_provisioning: Network time obtained', events: [] },
  { source: '§8.4 lib-old', line: '<inf> nrf_provisioning: Provisioning done, rebooting...', events: ['stage:finished'] },
  // §9.2 nrf_provisioning_coap
  { source: '§9.2', line: '<inf> nrf_provisioning_coap: Init CoAP client', events: [] },
  { source: '§9.2', line: '<inf> nrf_provisioning_coap: DTLS setup', events: ['stage:waiting-for-device'] },
  { source: '§9.2', line: '<inf> nrf_provisioning_coap: Connected', events: ['stage:waiting-for-device'] },
  { source: '§9.2', line: '<inf> nrf_provisioning_coap: Requesting commands', events: ['stage:waiting-for-device'] },
  { source: '§9.2', line: '<inf> nrf_provisioning_coap: Processing commands', events: ['stage:commands-received'] },
  { source: '§9.2', line: '<inf> nrf_provisioning_coap: Finished', events: ['stage:finished'] },
  { source: '§9.2', line: '<inf> nrf_provisioning_coap: Sending response to server', events: ['stage:commands-received'] },
  { source: '§9.2', line: '<inf> nrf_provisioning_coap: No commands to process on server side', events: ['no-commands'] },
  { source: '§9.2 older', line: '<inf> nrf_provisioning_coap: No more commands to process on server side', events: ['no-commands'] },
  { source: '§9.2', line: '<err> nrf_provisioning_coap: Device not authorized', events: [NOT_CLAIMED] },
  { source: '§9.2', line: '<err> nrf_provisioning_coap: Device provided wrong auth credentials', events: [NOT_CLAIMED] },
  { source: '§9.2', line: '<err> nrf_provisioning_coap: Unable to resolve address', events: [RETRIED] },
  { source: '§9.2', line: '<err> nrf_provisioning_coap: Failed to connect UDP socket 113', events: [RETRIED] },
  { source: '§9.2', line: '<err> nrf_provisioning_coap: Failed to generate JWT, error: -8', events: ['failure:PROVISIONING_MODEM_TOO_OLD:fatal'] },
  { source: '§9.2', line: '<err> nrf_provisioning_coap: Failed to generate authentication token', events: ['failure:PROVISIONING_MODEM_TOO_OLD:fatal'] },
  { source: '§9.2', line: '<err> nrf_provisioning_coap: Failed to send response, ret -12', events: [RETRIED] },
  { source: '§9.2', line: '<err> nrf_provisioning_coap: Internal server error', events: [RETRIED] },
  { source: '§9.2', line: '<err> nrf_provisioning_coap: Service unavailable', events: [RETRIED] },
  { source: '§9.2 older', line: '<err> nrf_provisioning_coap: Unauthorized, code 129', events: [NOT_CLAIMED] },
  { source: '§9.2 older', line: '<err> nrf_provisioning_coap: Unauthorized', events: [NOT_CLAIMED] },
  { source: '§9.2 older', line: '<err> nrf_provisioning_coap: Forbidden', events: [RETRIED] },
  { source: '§9.2 older', line: '<err> nrf_provisioning_coap: Internal error', events: [RETRIED] },
  { source: '§9.2 older', line: '<err> nrf_provisioning_coap: Bad request', events: [RETRIED] },
  // §9.3 nrf_provisioning_http
  { source: '§9.3', line: '<inf> nrf_provisioning_http: Requesting commands', events: ['stage:waiting-for-device'] },
  { source: '§9.3', line: '<inf> nrf_provisioning_http: Connected', events: ['stage:waiting-for-device'] },
  { source: '§9.3', line: '<inf> nrf_provisioning_http: Processing commands', events: ['stage:commands-received'] },
  { source: '§9.3', line: '<inf> nrf_provisioning_http: Sending response to server', events: ['stage:commands-received'] },
  { source: '§9.3', line: '<inf> nrf_provisioning_http: Null response - socket closed', events: [] },
  { source: '§9.3 lib-mid', line: '<inf> nrf_provisioning_http: No more commands to process on server side', events: ['no-commands'] },
  { source: '§9.3 lib-mid', line: '<err> nrf_provisioning_http: Device provided wrong auth credentials', events: [NOT_CLAIMED] },
  { source: '§9.3 lib-new', line: '<err> nrf_provisioning_http: No commands to process on server side', events: ['no-commands'] },
  // §9.4 nrf_provisioning_codec
  { source: '§9.4 dbg', line: '<dbg> nrf_provisioning_codec: nrf_provisioning_codec_process_commands: Received 4 commands, size 1234', events: ['stage:commands-received'] },
  { source: '§9.4 dbg', line: '<dbg> nrf_provisioning_codec: cmd_exec: command: "AT%KEYGEN=16842753,2,0", input buff len: 0', events: ['stage:keys-generated'] },
  { source: '§9.4 dbg', line: '<dbg> nrf_provisioning_codec: cmd_exec: command: "AT%CMNG=0,16842753,0,"-----BEGIN", input buff len: 1200', events: ['stage:certificates-installed'] },
  { source: '§9.4', line: '<err> nrf_provisioning_codec: AT cmd failed, error: -8', events: ['failure:PROVISIONING_COMMAND_FAILED:fatal'] },
  // §10 shell replies to `nrf_provisioning now` (no log prefix)
  { source: '§10', line: 'Provisioning library is not initialized', events: [TRIGGER] },
  { source: '§10', line: 'Provisioning failed, err -22', events: [TRIGGER] },
  { source: '§10', line: 'Failed to set provisioning interval, err -134', events: [] },
  // §10 the nrf_provisioning sample
  { source: '§10 sample', line: '<inf> nrf_provisioning_sample: Provisioning started', events: ['stage:waiting-for-device'] },
  { source: '§10 sample', line: '<inf> nrf_provisioning_sample: nRF Provisioning requires device to deactivate network', events: ['lte:down'] },
  { source: '§10 sample', line: '<inf> nrf_provisioning_sample: nRF Provisioning requires device to activate network', events: ['lte:up'] },
  { source: '§10 sample', line: '<inf> nrf_provisioning_sample: Provisioning stopped', events: [] },
  { source: '§10 sample', line: '<inf> nrf_provisioning_sample: Provisioning done', events: ['stage:finished'] },
  { source: '§10 sample', line: '<inf> nrf_provisioning_sample: The device can now connect to the provisionined cloud service', events: ['stage:finished'] },
  { source: '§10 sample', line: '<wrn> nrf_provisioning_sample: Provisioning failed, device not claimed', events: [NOT_CLAIMED_GIVEN_UP] },
  { source: '§10 sample', line: "<wrn> nrf_provisioning_sample: Claim the device using the device's attestation token on nrfcloud.com", events: [] },
  { source: '§10 sample', line: '<inf> nrf_provisioning_sample: Provisioning done, no commands received from the server', events: ['no-commands'] },
  { source: '§10 sample', line: '<err> nrf_provisioning_sample: Provisioning failed, wrong root CA certificate for nRF Cloud provisioned', events: [WRONG_CA] },
  { source: '§10 sample', line: '<err> nrf_provisioning_sample: Provisioning failed, no valid datetime reference', events: [NO_TIME_GIVEN_UP] },
  { source: '§10 sample', line: '<err> nrf_provisioning_sample: Provisioning error, irrecoverable', events: [FATAL] },
  { source: '§10 sample', line: '<inf> nrf_provisioning_sample: Connecting to nRF Cloud CoAP...', events: ['stage:connecting'] },
  { source: '§10 sample', line: '<inf> nrf_provisioning_sample: nRF Cloud CoAP connection successful', events: ['stage:connected'] },
  // §11 Serial Modem (sm_provisioning)
  { source: '§11', line: '<inf> sm_provisioning: Provisioning: started', events: ['stage:waiting-for-device'] },
  { source: '§11', line: '<inf> sm_provisioning: Provisioning: stopped', events: [] },
  { source: '§11', line: '<inf> sm_provisioning: Provisioning requires device to deactivate network', events: ['lte:down'] },
  { source: '§11', line: '<inf> sm_provisioning: Provisioning requires device to activate network', events: ['lte:up'] },
  { source: '§11', line: '<inf> sm_provisioning: Provisioning: done', events: ['stage:finished'] },
  { source: '§11', line: '<inf> sm_provisioning: Provisioning done, no commands received from the server', events: ['no-commands'] },
  { source: '§11', line: '<wrn> sm_provisioning: Provisioning failed: device not claimed', events: [NOT_CLAIMED_GIVEN_UP] },
  { source: '§11', line: '<err> sm_provisioning: Provisioning failed: try again...', events: [RETRIED] },
  { source: '§11', line: '<err> sm_provisioning: Provisioning failed: wrong root CA certificate for nRF Cloud', events: [WRONG_CA] },
  { source: '§11', line: '<err> sm_provisioning: Provisioning failed: no valid modem/network time', events: [NO_TIME_GIVEN_UP] },
  { source: '§11', line: '<err> sm_provisioning: Provisioning failed: too many commands for the device to handle', events: [TOO_MANY] },
  { source: '§11', line: '<err> sm_provisioning: Provisioning failed: irrecoverable', events: [FATAL] },
  { source: '§11', line: '<err> sm_at_provisioning: Failed to trigger provisioning: -16', events: [TRIGGER] },
  { source: '§11', line: '#XNRFPROV: 0', events: ['no-commands'] },
  { source: '§11', line: '#XNRFPROV: 1', events: ['host-action:lte-offline'] },
  { source: '§11', line: '#XNRFPROV: 2', events: ['host-action:lte-online'] },
  { source: '§11', line: '#XNRFPROV: -1', events: ['failure:PROVISIONING_FAILED:fatal'] },
  { source: '§11', line: '#XNRFPROV: -2', events: ['failure:PROVISIONING_NOT_CLAIMED:fatal'] },
  { source: '§11', line: '#XNRFPROV: -3', events: ['failure:PROVISIONING_WRONG_ROOT_CA:fatal'] },
  { source: '§11', line: '#XNRFPROV: -4', events: ['failure:PROVISIONING_NO_TIME:fatal'] },
  { source: '§11', line: '#XNRFPROV: -5', events: ['failure:PROVISIONING_TOO_MANY_COMMANDS:fatal'] },
  { source: '§11', line: '#XNRFPROV: -6', events: ['failure:PROVISIONING_FAILED:fatal'] },
  { source: '§11 XNRFCLOUD', line: '#XNRFCLOUD: 1,0', events: ['stage:connected'] },
  { source: '§11 XNRFCLOUD', line: `#XNRFCLOUD: 1,0,16842753,"${UUID}"`, events: [`client-id:${UUID}`, 'stage:connected'] },
  { source: '§11 XNRFCLOUD', line: '#XNRFCLOUD: 0,0', events: [] },
  { source: '§11 scheduled', line: '#XNRFPROV: 3600', events: [] },
  // §12 Asset Tracker Template
  { source: '§12.1', line: `<inf> cloud: Connecting to nRF Cloud CoAP with client ID: ${UUID}`, events: [`client-id:${UUID}`, 'stage:connecting'] },
  { source: '§12.1', line: '<wrn> cloud: nrf_cloud_coap_connect, error: -13', events: [] },
  { source: '§12.1', line: '<wrn> cloud: nRF Cloud CoAP connection failed, unauthorized or invalid credentials', events: ['cloud-refused'] },
  { source: '§12.1', line: '<wrn> cloud: Provisioning failed, device not claimed', events: [NOT_CLAIMED_GIVEN_UP] },
  { source: '§12.1', line: '<wrn> cloud: Connection attempt failed, backoff time: 60 seconds', events: [] },
  { source: '§12.1', line: '<wrn> cloud: nRF Provisioning requires device to deactivate LTE', events: ['lte:down'] },
  { source: '§12.1', line: '<wrn> cloud: nRF Provisioning requires device to activate LTE', events: ['lte:up'] },
  { source: '§12.1', line: '<dbg> cloud: nrf_provisioning_callback: Provisioning finished', events: ['stage:finished'] },
  { source: '§12.1', line: '<inf> nrf_cloud_coap_transport: Request authorization with JWT', events: ['stage:connecting'] },
  { source: '§12.1', line: '<inf> nrf_cloud_coap_transport: Authorization result_code: 2.01', events: ['stage:connecting'] },
  { source: '§12.1', line: '<inf> nrf_cloud_coap_transport: Authorized', events: ['stage:connecting'] },
  { source: '§12.1', line: '<inf> cloud: nRF Cloud CoAP connection successful', events: ['stage:connected'] },
  { source: '§12.1', line: '<inf> cloud: Connected to Cloud', events: ['stage:connected'] },
  { source: '§12.2', line: '<wrn> cloud: No commands from the nRF Provisioning Service to process', events: ['no-commands'] },
  { source: '§12.2', line: '<wrn> cloud: Treating as provisioning finished', events: [] },
  { source: '§12.2', line: '<err> cloud: Provisioning failed', events: [RETRIED] },
  { source: '§12.2', line: '<err> cloud: Provisioning failed, no valid datetime reference', events: [NO_TIME_GIVEN_UP] },
  { source: '§12.2', line: '<err> cloud: Provisioning failed, wrong CA certificate', events: [WRONG_CA] },
  { source: '§12.2', line: '<err> cloud: Provisioning error', events: [FATAL] },
  { source: '§12.2', line: '<err> cloud: Provisioning failed, too many commands for the device to handle', events: [TOO_MANY] },
  { source: '§12.2', line: '<wrn> cloud: nRF Cloud CoAP connection refused', events: [] },
  { source: '§12.4', line: '<wrn> cloud: ----- BEGIN ATTESTATION TOKEN -----', events: [] },
  // §8.4 registration changes, unsolicited
  { source: '§8.4', line: '+CEREG: 1,"4E2D","0135B30A",7', events: ['lte:up'] },
  { source: '§8.4', line: '+CEREG: 5,"4E2D","0135B30A",7', events: ['lte:up'] },
  { source: '§8.4', line: '+CEREG: 0', events: ['lte:down'] },
  { source: '§8.4', line: '+CEREG: 2,"4E2D","0135B30A",7', events: [] },
];

/** Lines from other modules, interleaved in tests: none may give an event. */
export const unrelatedLines: readonly string[] = [
  '<inf> lte_lc: Connected',
  '<inf> cloud_connection: Waiting for network ready...',
  '<wrn> nrf_cloud_coap_transport: Request ERROR, will retry; last result OK before',
  '<inf> app: Finished',
  '<err> location: Connection refused',
  '<inf> sensor_sampling: Temperature is 24 degrees C',
  '<dbg> at_monitor: at_monitor_task: Notification received',
  '*** Booting nRF Connect SDK v3.4.0-rc2 ***',
  'Attestation token:',
  '%XTIME: "80","52117061400380","01"',
];
