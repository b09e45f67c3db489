/** The `settings` domain: what the user may change, never secrets. */
import { z } from 'zod';
import { invoke, returns } from './contract';

export const themePreferenceSchema = z.enum(['system', 'light', 'dark']);

/** The provisioning time limit's bounds in seconds, for the schema and the Settings form alike. */
export const PROVISIONING_TIMEOUT_S = { min: 10, max: 3600 } as const;

/** The renderer-editable part of the settings. */
export const publicSettingsSchema = z
  .object({
    theme: themePreferenceSchema,
    baudRate: z.number().int().min(1200).max(4_000_000),
    rtscts: z.boolean(),
    claimTags: z.array(z.string().trim().min(1).max(64)).max(20),
    apiBaseUrl: z.string().url(),
    provisioningBaseUrl: z.string().url(),
    portalBaseUrl: z.string().url(),
    /** After the claim, have the device fetch its credentials and watch it connect (issue 13). */
    isProvisioningOn: z.boolean(),
    /** How long provisioning may take before PROVISIONING_TIMEOUT, in seconds. */
    provisioningTimeoutS: z
      .number()
      .int()
      .min(PROVISIONING_TIMEOUT_S.min)
      .max(PROVISIONING_TIMEOUT_S.max),
    /**
     * The one-device flow claims by itself once the dry run passes (issue 12): zero actions per
     * board. A dry run that fails or warns still stops and asks.
     */
    isAutoClaimOn: z.boolean(),
  })
  .strict();

export type PublicSettings = z.infer<typeof publicSettingsSchema>;

export const settingsChannels = {
  getSettings: invoke('settings:get-settings', z.object({}).strict(), returns<PublicSettings>()),
  updateSettings: invoke(
    'settings:update-settings',
    publicSettingsSchema.partial().strict(),
    returns<PublicSettings>(),
  ),
} as const;
