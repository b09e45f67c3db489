/**
 * The cloud side of the app as one service: API keys through the vault, dry run and claim of
 * journal entries through the active key's adapter, every outcome written back to the journal.
 * Base URLs come from settings (or the demo's local nRF Cloud); the key never leaves main.
 */
import type {
  ClaimView,
  DryRunView,
  KeyStatus,
  OnboardingRuleView,
  RetryNotice,
} from '../../src-shared/ipc/cloud';
import { AppError } from '../../src-shared/ipc/errors';
import type { ClaimPendingSummary, JournalEntry } from '../../src-shared/ipc/journal';
import type { CloudAdapter } from './adapter';
import { checkApiKeyShape } from './apiKeyShape';
import { claimAndRecord } from './claimAndRecord';
import { claimPending } from './claimPending';
import type { TokenJournal } from './journal';
import type { KeyVault } from './keyVault';
import { dryRunWithRules, ensureOnboardingRule } from './onboardingRule';
import { createApiKeyAdapter, type RetryInfo } from './restClient';
import type { FetchLike } from './http';
import { allowedOriginsFromEnv, checkCloudUrl } from './urlPolicy';

export interface CloudUrls {
  apiBaseUrl: string;
  provisioningBaseUrl: string;
  portalBaseUrl: string;
}

export interface CloudServiceDeps {
  vault: () => KeyVault;
  /** A getter: demo mode swaps in its own journal. */
  journal: () => TokenJournal;
  urls: () => CloudUrls;
  defaultTags: () => string[];
  fetch?: FetchLike;
  /** Builds the adapter for a key; tests and a future organisation-token backend plug in here. */
  createAdapter?: (
    apiKey: string,
    urls: CloudUrls,
    onRetry: (info: RetryInfo) => void,
  ) => CloudAdapter;
  onRetry?: (notice: RetryNotice) => void;
  /** nRF Cloud asked to wait (429 Retry-After): the shared cloud queue pauses for everyone. */
  onRateLimited?: (delayMs: number, reason: string) => void;
  /** Sends every call of this service through the shared cloud queue. */
  queueAdapter?: (adapter: CloudAdapter) => CloudAdapter;
  onJournalChanged?: () => void;
  /** Developer-allowed origins beyond nRF Cloud (ONBOARDER_ALLOW_CLOUD_URL by default). */
  allowedOrigins?: readonly string[];
  /** Told once per distinct notice when the key goes to an origin allowed only by that override. */
  onUrlOverride?: (notice: string) => void;
}

export class CloudService {
  private readonly allowedOrigins: readonly string[];
  private readonly announced = new Set<string>();

  constructor(private readonly deps: CloudServiceDeps) {
    this.allowedOrigins = deps.allowedOrigins ?? allowedOriginsFromEnv(process.env);
  }

  keyStatus(): KeyStatus {
    const vault = this.deps.vault();
    const status = vault.status();
    const keys = vault.list();
    const active = keys.find((k) => k.isActive);
    const overrides = this.overriddenOrigins();
    return {
      ...status,
      ...(active ? { canClaim: active.canClaim } : {}),
      ...(overrides.length > 0 ? { cloudUrlOverrides: overrides } : {}),
      keys,
    };
  }

  /** API origins in use that only the developer override allows, for the key status view. */
  private overriddenOrigins(): string[] {
    const { apiBaseUrl, provisioningBaseUrl } = this.deps.urls();
    const origins = new Set<string>();
    for (const [url, role] of [
      [apiBaseUrl, 'api'],
      [provisioningBaseUrl, 'provisioning'],
    ] as const) {
      const verdict = checkCloudUrl(url, role, this.allowedOrigins);
      if (verdict.isAllowed && verdict.isOverride) origins.add(verdict.origin);
    }
    return [...origins];
  }

  /** Checks the key's shape, asks nRF Cloud whose it is, then stores it encrypted. */
  async addApiKey(raw: string, signal?: AbortSignal): Promise<KeyStatus> {
    const shape = checkApiKeyShape(raw);
    if (!shape.ok) throw new AppError('API_KEY_MALFORMED', shape.message);
    const account = await this.adapterFor(shape.key, 'add-key').getAccount(signal);
    this.deps.vault().addKey(shape.key, account);
    return this.keyStatus();
  }

  setActiveKey(id: string): KeyStatus {
    this.deps.vault().setActive(id);
    return this.keyStatus();
  }

  removeKey(id: string): KeyStatus {
    this.deps.vault().remove(id);
    return this.keyStatus();
  }

  async dryRun(
    input: { journalId: string; tags?: string[] | undefined; requestId: string },
    signal?: AbortSignal,
  ): Promise<DryRunView> {
    const entry = this.entry(input.journalId);
    const adapter = this.activeAdapter(input.requestId);
    return dryRunWithRules(adapter, entry.token, this.tags(input.tags), signal);
  }

  /** Creates the tag and "nRF Cloud Onboarding" rule unless an active one exists (§5.3). */
  async createOnboardingRule(
    input: { requestId: string },
    signal?: AbortSignal,
  ): Promise<OnboardingRuleView> {
    return ensureOnboardingRule(this.activeAdapter(input.requestId), signal);
  }

  /** Dry-runs and claims one journal entry, recording the outcome (claimed, already yours, or the error). */
  async claim(
    input: { journalId: string; tags?: string[] | undefined; requestId: string },
    signal?: AbortSignal,
  ): Promise<ClaimView> {
    const entry = this.entry(input.journalId);
    const adapter = this.activeAdapter(input.requestId);
    try {
      return await claimAndRecord({
        adapter,
        entry,
        journal: this.deps.journal(),
        tags: this.tags(input.tags),
        teamName: this.keyStatus().teamName,
        signal,
      });
    } finally {
      this.deps.onJournalChanged?.();
    }
  }

  /** Releases a device from the team; its journal entry (if any) becomes claimable again. */
  async unclaim(input: { deviceId: string; journalId?: string | undefined }): Promise<void> {
    await this.activeAdapter('unclaim').unclaim(input.deviceId);
    if (input.journalId) {
      this.deps.journal().update(input.journalId, { claimStatus: 'unclaimed' });
      this.deps.onJournalChanged?.();
    }
  }

  /** Offline onboarding: claims every unclaimed or failed entry in one go. */
  async claimPending(
    input: { requestId: string; tags?: string[] | undefined },
    signal?: AbortSignal,
  ): Promise<ClaimPendingSummary> {
    const adapter = this.activeAdapter(input.requestId);
    const teamName = this.keyStatus().teamName;
    try {
      return await claimPending(
        this.deps.journal(),
        adapter,
        this.tags(input.tags),
        () => this.deps.onJournalChanged?.(),
        {
          ...(teamName ? { teamName } : {}),
          ...(signal ? { signal } : {}),
        },
      );
    } finally {
      this.deps.onJournalChanged?.();
    }
  }

  /**
   * The active key's adapter and team for a caller that queues its calls itself (the onboarding
   * jobs, which show their place in the queue). Throws API_KEY_MISSING without a key.
   */
  unqueuedAccess(requestId: string): { adapter: CloudAdapter; teamName?: string } {
    const adapter = this.adapterFor(this.activeKey(), requestId);
    const teamName = this.keyStatus().teamName;
    return teamName === undefined ? { adapter } : { adapter, teamName };
  }

  private tags(requested: string[] | undefined): string[] {
    return requested ?? this.deps.defaultTags();
  }

  private entry(journalId: string): JournalEntry {
    const entry = this.deps
      .journal()
      .list()
      .find((e) => e.id === journalId);
    if (!entry) throw new AppError('NOT_FOUND', 'That token is not in the journal any more.');
    if (entry.claimStatus === 'discarded') {
      throw new AppError('NOT_FOUND', 'That token was discarded; read the device again.');
    }
    return entry;
  }

  private activeKey(): string {
    const key = this.deps.vault().activeKey();
    if (!key) {
      throw new AppError(
        'API_KEY_MISSING',
        'Add your nRF Cloud API key first (User Account > Current Team Details).',
      );
    }
    return key;
  }

  private activeAdapter(requestId: string): CloudAdapter {
    const adapter = this.adapterFor(this.activeKey(), requestId);
    return this.deps.queueAdapter?.(adapter) ?? adapter;
  }

  private adapterFor(apiKey: string, requestId: string): CloudAdapter {
    const onRetry = (info: RetryInfo) => {
      if (info.code === 'RATE_LIMITED') this.deps.onRateLimited?.(info.delayMs, info.reason);
      this.deps.onRetry?.({
        requestId,
        attempt: info.attempt,
        delayMs: info.delayMs,
        reason: info.reason,
      });
    };
    const urls = this.deps.urls();
    if (this.deps.createAdapter) return this.deps.createAdapter(apiKey, urls, onRetry);
    return createApiKeyAdapter({
      apiKey,
      ...urls,
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
      onRetry,
      allowedOrigins: this.allowedOrigins,
      onUrlOverride: (notice) => {
        if (this.announced.has(notice)) return;
        this.announced.add(notice);
        (this.deps.onUrlOverride ?? ((n) => process.stderr.write(`warning: ${n}\n`)))(notice);
      },
    });
  }
}
