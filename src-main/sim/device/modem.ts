/**
 * The modem side of the simulated nRF91: parses one AT command and answers it like
 * `nrf_modem_at_cmd` would (info lines, then OK / ERROR / +CME ERROR). The firmware families
 * frame this raw answer differently on the wire.
 */
import {
  encodeAttestationToken,
  randomBytes,
  randomNonce,
  SIGNATURE_LENGTH,
} from '../../../src-shared/token/encode';
import type { ResolvedOptions } from './options';

/** The modem's answer to one command, before any firmware framing. */
export type ModemReply =
  { kind: 'ok'; info: readonly string[] } | { kind: 'error' } | { kind: 'cme'; code: number };

/** The raw text of a reply, as the modem library returns it: every line ends in CRLF. */
export function modemReplyText(reply: ModemReply): string {
  switch (reply.kind) {
    case 'ok':
      return `${reply.info.map((line) => `${line}\r\n`).join('')}OK\r\n`;
    case 'error':
      return 'ERROR\r\n';
    case 'cme':
      return `+CME ERROR: ${reply.code}\r\n`;
  }
}

// CME codes: 0 = not supported by this firmware (docs/protocol.md §1.3), 50 = incorrect parameters (3GPP 27.007).
const CME_NOT_SUPPORTED = 0;
const CME_BAD_PARAMETERS = 50;

/** The network registration the simulated modem reports (TAC, cell id, LTE-M). */
export const SIM_CEREG_LOCATION = '"4E2A","0123ABCD",7';

type CommandForm = 'exec' | 'read' | 'test' | 'set';
interface ParsedCommand {
  name: string;
  form: CommandForm;
  params: string;
}

// AT<NULL> | AT<sep><body>[? | =? | =<params>] with <sep> one of + % # (same grammar as SLM's check).
const COMMAND = /^AT(?:([+%#][A-Za-z0-9]+)(\?|=\?|=([\s\S]*))?)?$/i;

function parseCommand(text: string): ParsedCommand | undefined {
  const match = COMMAND.exec(text);
  if (match === null) return undefined;
  const suffix = match[2];
  const form: CommandForm =
    suffix === undefined ? 'exec' : suffix === '?' ? 'read' : suffix === '=?' ? 'test' : 'set';
  return { name: (match[1] ?? '').toUpperCase(), form, params: match[3] ?? '' };
}

/** 3GPP registration status as `+CEREG` reports it: 0 none, 1 home, 2 searching, 5 roaming. */
export type RegistrationStatus = 0 | 1 | 2 | 5;

/** One credential the modem stores in a sec tag (`AT%CMNG`, `AT%KEYGEN`). */
export interface StoredCredential {
  secTag: number;
  kind: 'private-key' | 'public-key' | 'client-certificate' | 'root-ca';
}

/** Modem state that survives between commands and is reset by a power cycle. */
export class SimulatedModem {
  private cmee = 0;
  private cfun = 1;
  private ceregMode = 0;
  // The simulated SIM registers roaming at power-up (what the periodic +CEREG says too).
  private registration: RegistrationStatus = 5;
  private isFirstCommand = true;
  private readonly tokens: string[] = [];
  private readonly credentials: StoredCredential[] = [];
  private readonly cfunListeners = new Set<(mode: number) => void>();

  constructor(private readonly options: ResolvedOptions) {
    this.powerCycle();
  }

  /** Every token this modem handed out, oldest first. */
  get issuedTokens(): readonly string[] {
    return this.tokens;
  }

  /**
   * Back to power-up state (CMEE=0, quirk armed again): online and registered, or at CFUN=0 and
   * unregistered with provisioning.lteOffAtBoot; issued tokens and credentials are kept.
   */
  powerCycle(): void {
    const isLteOff = this.options.provisioning.isLteOffAtBoot;
    this.cmee = 0;
    this.cfun = isLteOff ? 0 : 1;
    this.ceregMode = 0;
    this.registration = isLteOff ? 0 : 5;
    this.isFirstCommand = true;
  }

  /** The functional mode (`AT+CFUN?`): 1 online, 4 offline, 0 off. */
  get functionalMode(): number {
    return this.cfun;
  }

  /** The `AT+CEREG` subscription level the host asked for (0 = no notifications). */
  get ceregSubscription(): number {
    return this.ceregMode;
  }

  get registrationStatus(): RegistrationStatus {
    return this.registration;
  }

  /** Set by the network side of the simulator (attach, detach). */
  setRegistration(status: RegistrationStatus): void {
    this.registration = status;
  }

  /** The firmware itself changes the functional mode (lte_lc_offline / lte_lc_connect). */
  setFunctionalMode(mode: number): void {
    this.changeCfun(mode);
  }

  /** Called on every functional mode change, whoever made it (host AT+CFUN or the firmware). */
  onFunctionalModeChange(listener: (mode: number) => void): () => void {
    this.cfunListeners.add(listener);
    return () => this.cfunListeners.delete(listener);
  }

  /** What the modem stores, oldest first. */
  get storedCredentials(): readonly StoredCredential[] {
    return this.credentials;
  }

  /**
   * Writes a credential, as `AT%KEYGEN` / `AT%CMNG=0` would: only while LTE is off (CFUN=4 or 0).
   * Returns false when the modem refuses.
   */
  storeCredential(credential: StoredCredential): boolean {
    if (this.cfun === 1) return false;
    const index = this.credentials.findIndex(
      (c) => c.secTag === credential.secTag && c.kind === credential.kind,
    );
    if (index >= 0) this.credentials.splice(index, 1);
    this.credentials.push(credential);
    return true;
  }

  /** A fresh attestation token, as the provisioning library gets it for the not-claimed event. */
  attestationToken(): string {
    const reply = this.attest({ name: '%ATTESTTOKEN', form: 'exec', params: '' });
    const info = reply.kind === 'ok' ? (reply.info[0] ?? '') : '';
    return /"([^"]+)"/.exec(info)?.[1] ?? '';
  }

  private changeCfun(mode: number): void {
    const previous = this.cfun;
    this.cfun = mode;
    if (mode !== 1) this.registration = 0;
    if (mode !== previous) for (const listener of [...this.cfunListeners]) listener(mode);
  }

  /** The text of the `+CEREG` notification the network would cause now. */
  unsolicitedCereg(): string {
    return `+CEREG: 5,${SIM_CEREG_LOCATION}`;
  }

  /** Runs one command line (without its line ending). */
  execute(text: string): ModemReply {
    if (this.isFirstCommand) {
      this.isFirstCommand = false;
      if (this.options.isFirstCommandError) return { kind: 'error' };
    }
    const command = parseCommand(text);
    if (command === undefined) return { kind: 'error' };
    return this.dispatch(command);
  }

  private notSupported(): ModemReply {
    return this.cmee > 0 ? { kind: 'cme', code: CME_NOT_SUPPORTED } : { kind: 'error' };
  }

  private badParameters(): ModemReply {
    return this.cmee > 0 ? { kind: 'cme', code: CME_BAD_PARAMETERS } : { kind: 'error' };
  }

  private ok(...info: string[]): ModemReply {
    return { kind: 'ok', info };
  }

  /** A read-only identity value: bare command answers it, `=?` answers OK. */
  private identity(command: ParsedCommand, value: string): ModemReply {
    if (command.form === 'exec') return this.ok(value);
    if (command.form === 'test') return this.ok();
    return this.badParameters();
  }

  private dispatch(command: ParsedCommand): ModemReply {
    const o = this.options;
    switch (command.name) {
      case '':
        return this.ok();
      case '+CMEE':
        return this.numericSetting(
          command,
          '+CMEE',
          [0, 1],
          () => this.cmee,
          (n) => (this.cmee = n),
        );
      case '+CFUN':
        return this.numericSetting(
          command,
          '+CFUN',
          [0, 1, 2, 4, 20, 21, 30, 31, 40, 41, 44],
          () => this.cfun,
          (n) => this.changeCfun(n),
        );
      case '+CEREG':
        if (command.form === 'read') return this.ok(this.ceregRead());
        return this.numericSetting(
          command,
          '+CEREG',
          [0, 1, 2, 3, 4, 5],
          () => this.ceregMode,
          (n) => (this.ceregMode = n),
        );
      case '+CGMI':
        return this.identity(command, 'Nordic Semiconductor ASA');
      case '+CGMM':
        return this.identity(command, o.model);
      case '+CGMR':
        return this.identity(command, o.firmwareVersion);
      case '%HWVERSION':
        return this.identity(command, `%HWVERSION: ${o.hwVersion}`);
      case '+CGSN':
        return this.cgsn(command);
      case '%ATTESTTOKEN':
        return o.isAttestSupported ? this.attest(command) : this.notSupported();
      default:
        return this.notSupported();
    }
  }

  private numericSetting(
    command: ParsedCommand,
    prefix: string,
    allowed: readonly number[],
    get: () => number,
    set: (n: number) => void,
  ): ModemReply {
    switch (command.form) {
      case 'read':
        return this.ok(`${prefix}: ${get()}`);
      case 'test':
        return this.ok(`${prefix}: (${allowed.join(',')})`);
      case 'set': {
        const value = /^\d+$/.test(command.params) ? Number(command.params) : NaN;
        if (!allowed.includes(value)) return this.badParameters();
        set(value);
        return this.ok();
      }
      case 'exec':
        return this.badParameters();
    }
  }

  private ceregRead(): string {
    const stat = this.cfun === 1 ? this.registration : 0;
    const location = this.ceregMode >= 2 && stat === 5 ? `,${SIM_CEREG_LOCATION}` : '';
    return `+CEREG: ${this.ceregMode},${stat}${location}`;
  }

  private cgsn(command: ParsedCommand): ModemReply {
    const imei = this.options.imei;
    if (command.form === 'exec' || (command.form === 'set' && command.params === '0'))
      return this.ok(imei);
    if (command.form === 'set' && command.params === '1') return this.ok(`+CGSN: "${imei}"`);
    if (command.form === 'test') return this.ok('+CGSN: (0-3)');
    return this.badParameters();
  }

  private attest(command: ParsedCommand): ModemReply {
    let nonce: Uint8Array;
    if (command.form === 'exec') {
      nonce = randomNonce();
    } else if (command.form === 'set') {
      const match = /^"([0-9A-Fa-f]{32})"$/.exec(command.params);
      if (match === null || match[1] === undefined) return this.badParameters();
      const hex = match[1];
      nonce = Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
    } else if (command.form === 'test') {
      return this.ok();
    } else {
      return this.badParameters();
    }
    const token = encodeAttestationToken({
      deviceUuid: this.options.deviceUuid,
      deviceType: this.options.deviceType,
      modemFirmwareUuid: this.options.modemFirmwareUuid,
      nonce,
      signature: randomBytes(SIGNATURE_LENGTH),
    });
    this.tokens.push(token);
    return this.ok(`%ATTESTTOKEN: "${token}"`);
  }
}
