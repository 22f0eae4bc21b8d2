// A modal confirmation (the native <dialog>: focus moves into it and stays there, Escape closes it).
import { type ReactNode, useEffect, useRef } from 'react';
import { FormattedMessage } from 'react-intl';

export function ConfirmDialog({
  id,
  open,
  title,
  children,
  confirmLabel,
  pending,
  danger,
  onConfirm,
  onClose,
}: {
  id: string;
  open: boolean;
  title: ReactNode;
  children: ReactNode;
  confirmLabel: ReactNode;
  pending: boolean;
  danger?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} id={id} className="ws-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
      <div className="actions">
        <button
          type="button"
          className={danger ? 'danger' : undefined}
          disabled={pending}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          <FormattedMessage id="ws.dialog.back" />
        </button>
      </div>
    </dialog>
  );
}
