/** AT traffic as a readable list: time, a direction arrow with its word, the text; notes in italics. */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { visibleControls, type TranscriptEntry } from '../../../src-shared/at/transcript';
import { directionArrow, formatTime } from '../lib/format';
import { t } from '../i18n/t';

const dirWords = { tx: 'attest.sent', rx: 'attest.received', note: 'attest.note' } as const;

export function TranscriptList({ entries }: { entries: readonly TranscriptEntry[] }) {
  if (entries.length === 0) return <Typography>{t('attest.transcriptEmpty')}</Typography>;
  return (
    <Box
      component="ol"
      data-testid="transcript"
      sx={{
        listStyle: 'none',
        p: 0,
        m: 0,
        fontFamily: 'monospace',
        fontSize: '0.9rem',
        overflowX: 'auto',
      }}
    >
      {entries.map((entry, index) => (
        <Box
          component="li"
          key={`${entry.t}-${index}`}
          sx={{
            display: 'flex',
            gap: 1.5,
            py: 0.25,
            fontStyle: entry.dir === 'note' ? 'italic' : 'normal',
          }}
        >
          <Box component="span" sx={{ color: 'text.secondary', flexShrink: 0 }}>
            {formatTime(entry.t)}
          </Box>
          <Box component="span" sx={{ flexShrink: 0 }} title={t(dirWords[entry.dir])}>
            <span aria-hidden>{directionArrow(entry.dir)}</span>
            <Box
              component="span"
              sx={{
                position: 'absolute',
                width: 1,
                height: 1,
                overflow: 'hidden',
                clip: 'rect(0 0 0 0)',
              }}
            >
              {t(dirWords[entry.dir])}
            </Box>
          </Box>
          <Box component="span" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {visibleControls(entry.text)}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
