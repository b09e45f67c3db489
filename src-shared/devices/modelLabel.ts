/**
 * One spelling of a device's model for every screen, the journal, the report and the CLI: the
 * kit's name from its USB identity (docs/protocol.md §3.1) with the SiP the token names (§1.5),
 * e.g. `Thingy:91 X (nRF9151 LACA)`; either alone when only one is known.
 */
import { kitOfSerialNumber } from './kits';

/** What may be known of a device; any of it may be missing. */
export interface ModelFacts {
  /** The kit's name from its USB identity, e.g. `Thingy:91 X`. */
  kitName?: string | undefined;
  /** The kit's USB serial number: names the kit when `kitName` is missing. */
  serialNumber?: string | undefined;
  /** The token's device type name, e.g. `nRF9151 LACA`. */
  deviceTypeName?: string | undefined;
  /**
   * Another spelling of the SiP, used only without a token: `AT+CGMM`'s `nRF9151-LACA` (§2.E)
   * or nRF Cloud's `nrf9151_LACA` (§4.3).
   */
  model?: string | undefined;
}

/** `nRF9151-LACA`, `nrf9151_LACA` and `nRF9151 LACA` spelled as the token's table does. */
export function sipName(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (trimmed === undefined || trimmed === '') return undefined;
  const match = /^nrf(\d{4})[\s_-]+([a-z0-9]+)$/i.exec(trimmed);
  if (match === null) return trimmed;
  const [, family = '', variant = ''] = match;
  return `nRF${family} ${variant.toUpperCase()}`;
}

/** The model as every place shows it, or undefined when nothing is known yet. */
export function modelLabel(facts: ModelFacts): string | undefined {
  const kitName = facts.kitName?.trim();
  const kit = kitName ? kitName : kitOfSerialNumber(facts.serialNumber)?.name;
  const sip = sipName(facts.deviceTypeName) ?? sipName(facts.model);
  // A kit known only by its SiP (a typed port: onboardingService's kitNameOf) is named once.
  if (kit !== undefined && sip !== undefined && sipName(kit) !== sip) return `${kit} (${sip})`;
  return kit ?? sip;
}

/** The model of a job as its view tells it (main's JobView, or anything shaped like it). */
export function jobModelLabel(job: {
  kitName?: string | undefined;
  serialNumber?: string | undefined;
  model?: string | undefined;
  decoded?: { deviceTypeName: string } | undefined;
}): string | undefined {
  return modelLabel({
    kitName: job.kitName,
    serialNumber: job.serialNumber,
    deviceTypeName: job.decoded?.deviceTypeName,
    model: job.model,
  });
}
