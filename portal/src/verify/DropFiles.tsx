// A file chooser that also takes files dropped on it. The input is the keyboard's and screen
// reader's way in; dropping is a shortcut for a pointer. Files are read as text here.
import { type DragEvent, type ReactNode, useId, useState } from 'react';

export interface DroppedFile {
  readonly name: string;
  readonly text: string;
}

const readAll = (files: FileList | null) =>
  Promise.all([...(files ?? [])].map(async (file) => ({ name: file.name, text: await file.text() })));

export function DropFiles({
  label,
  hint,
  multiple = false,
  disabled = false,
  onFiles,
  testId,
}: {
  label: ReactNode;
  hint: ReactNode;
  multiple?: boolean;
  disabled?: boolean;
  onFiles: (files: DroppedFile[]) => void;
  testId: string;
}) {
  const id = useId();
  const [over, setOver] = useState(false);
  const take = async (files: FileList | null) => {
    const read = await readAll(files);
    if (read.length > 0) onFiles(read);
  };
  const onDrop = (event: DragEvent<HTMLFieldSetElement>) => {
    event.preventDefault();
    setOver(false);
    if (!disabled) void take(event.dataTransfer.files);
  };
  return (
    <fieldset
      className={`drop-zone${over ? ' drop-over' : ''}`}
      data-testid={testId}
      // A group named by its label: the drop target around the chooser (the input is the way in).
      aria-labelledby={`${id}-label`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label id={`${id}-label`} htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="file"
        accept="application/json,.json"
        multiple={multiple}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          void take(event.currentTarget.files);
          event.currentTarget.value = '';
        }}
      />
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
    </fieldset>
  );
}
