/** Claim tags as chips: Enter adds one; a chip's cross, or Backspace on a focused chip, removes it. */
import { useState, type KeyboardEvent } from 'react';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { t } from '../../i18n/t';

interface Props {
  tags: readonly string[];
  onChange: (tags: string[]) => void;
  label?: string;
}

export function TagsEditor({ tags, onChange, label = t('claim.tagsLabel') }: Props) {
  const [draft, setDraft] = useState('');
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const tag = draft.trim();
    if (tag && !tags.includes(tag)) onChange([...tags, tag]);
    setDraft('');
  };
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', gap: 1 }} data-testid="tags">
        {tags.map((tag) => (
          <Chip
            key={tag}
            label={tag}
            title={t('claim.removeTag', { tag })}
            onDelete={() => onChange(tags.filter((x) => x !== tag))}
          />
        ))}
      </Stack>
      <TextField
        label={label}
        helperText={t('claim.tagsHelp')}
        value={draft}
        size="small"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        sx={{ maxWidth: 320 }}
      />
    </Stack>
  );
}
