/**
 * What the pasted text decodes to: the device it names (and whether the journal has it already,
 * before Add is pressed), or exactly what is wrong with it.
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Typography from '@mui/material/Typography';
import { modelLabel } from '../../../../src-shared/devices/index';
import type { JournalEntryView } from '../../../../src-shared/ipc/journal';
import type { DecodedToken } from '../../../../src-shared/token/decode';
import { isTokenErrorCode, tokenErrorInPlainWords } from '../../../../src-shared/token/plainWords';
import type { Op } from '../../store/op';
import { useAppStore } from '../../store/appStore';
import { t } from '../../i18n/t';
import { CodeChip } from '../../components/CodeChip';

function Field({
  label,
  value,
  isCode = false,
  secondary,
}: {
  label: string;
  value: string;
  isCode?: boolean;
  /** Quieter text after the value, for whoever compares it with the raw token. */
  secondary?: string | undefined;
}) {
  return (
    <Typography>
      <strong>{label}:</strong>{' '}
      <span style={isCode ? { fontFamily: 'monospace' } : undefined}>{value}</span>
      {secondary !== undefined && (
        <Typography component="span" variant="body2" color="text.secondary">
          {' '}
          ({secondary})
        </Typography>
      )}
    </Typography>
  );
}

/**
 * The model as every other place spells it (modelLabel.ts): the token names only the SiP, so the
 * kit comes from an earlier journal entry of the same device when one kept it.
 */
export function pastedModelLabel(
  decoded: DecodedToken,
  journal: readonly JournalEntryView[] | undefined,
): string {
  const kept = journal?.find(
    (e) =>
      e.deviceUuid === decoded.deviceUuid &&
      e.claimStatus !== 'discarded' &&
      (e.kitName !== undefined || e.serialNumber !== undefined),
  );
  return (
    modelLabel({
      kitName: kept?.kitName,
      serialNumber: kept?.serialNumber,
      deviceTypeName: decoded.deviceTypeName,
    }) ?? decoded.deviceTypeName
  );
}

/**
 * The journal's word on a decoded token, from the entries the window already has: this very
 * token (Add then adds nothing, as journal:add-token says), or another token of the same device.
 */
export function alreadyInJournal(
  decoded: DecodedToken,
  journal: readonly JournalEntryView[] | undefined,
): { isSameToken: boolean; since: string } | undefined {
  const same = journal?.find((e) => e.token === decoded.token);
  if (same !== undefined) return { isSameToken: true, since: same.readAt };
  const ofDevice = (journal ?? [])
    .filter((e) => e.deviceUuid === decoded.deviceUuid && e.claimStatus !== 'discarded')
    .map((e) => e.readAt)
    .sort();
  return ofDevice[0] === undefined ? undefined : { isSameToken: false, since: ofDevice[0] };
}

export function PastedTokenCheck({ op }: { op: Op<DecodedToken> }) {
  const journal = useAppStore((s) => s.journal);
  // role="status" rather than "alert": the verdict changes as the user types.
  switch (op.status) {
    case 'idle':
      return null;
    case 'running':
      return <Typography color="text.secondary">{t('journal.addChecking')}</Typography>;
    case 'done': {
      const already = alreadyInJournal(op.value, journal);
      return (
        <Alert severity={already ? 'info' : 'success'} role="status" data-testid="paste-check">
          <AlertTitle>{t('journal.addValid')}</AlertTitle>
          <Field label={t('attest.uuid')} value={op.value.deviceUuid} isCode />
          <Field
            label={t('journal.model')}
            value={pastedModelLabel(op.value, journal)}
            secondary={t('journal.tokenDeviceType', { type: op.value.deviceType })}
          />
          {already && (
            <Typography sx={{ mt: 1 }} data-testid="paste-already">
              {t(already.isSameToken ? 'journal.pasteAlreadyToken' : 'journal.pasteAlreadyDevice', {
                uuid: op.value.deviceUuid,
                since: already.since,
              })}
            </Typography>
          )}
        </Alert>
      );
    }
    case 'failed':
      return (
        <Alert severity="error" role="status" data-testid="paste-check">
          <AlertTitle>
            {t('journal.addInvalid')}
            <CodeChip code={op.error.code} />
          </AlertTitle>
          {isTokenErrorCode(op.error.code) && (
            <Typography>{tokenErrorInPlainWords(op.error.code)}</Typography>
          )}
          {/* The decoder's exact finding (part, character, position) for whoever checks it. */}
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
            {op.error.message}
          </Typography>
        </Alert>
      );
  }
}
