// The one schema for a file's name, wherever a client sends one: trimmed, NFC, no control, format
// or bidirectional characters, no path separators, 1-255 UTF-8 bytes (rule: file-name-rule.ts).
// A refusal is a 400 with code INVALID_FILE_NAME naming the field.
import * as z from 'zod';
import { problemCodeParam } from '../errors/issue-codes.ts';
import { checkFileName, FILE_NAME_MAX_BYTES } from './file-name-rule.ts';

export const invalidFileNameCode = 'INVALID_FILE_NAME';

export const FileName = z
  .string()
  .transform((raw, ctx) => {
    const checked = checkFileName(raw);
    if ('name' in checked) return checked.name;
    ctx.addIssue({
      code: 'custom',
      message: checked.problem,
      params: { [problemCodeParam]: invalidFileNameCode },
    });
    return z.NEVER;
  })
  .meta({
    description: `A plain file name, stored NFC: 1-${FILE_NAME_MAX_BYTES} UTF-8 bytes, no / or \\, no control or format (bidirectional) characters`,
    example: 'Hồ sơ mời thầu.pdf',
  });
