import { useEffect, useRef, type ReactNode } from 'react';
import './ConsoleDialog.css';

/** A modal on the native <dialog>: focus trap, Escape and the top layer come from the browser. */
export function ConsoleDialog({
  open,
  onClose,
  labelledBy,
  label,
  className,
  closeOnBackdrop = false,
  children,
}: {
  open: boolean;
  onClose: () => void;
  labelledBy?: string;
  label?: string;
  className?: string;
  closeOnBackdrop?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      // React's autoFocus runs before the dialog is shown; focus the first field now it is.
      dialog.querySelector<HTMLElement>('[data-autofocus], input, textarea, select, button')?.focus();
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`console-dialog${className ? ` ${className}` : ''}`}
      aria-labelledby={labelledBy}
      aria-label={labelledBy ? undefined : label}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClose={() => {
        if (open) onClose();
      }}
      onMouseDown={(e) => {
        if (closeOnBackdrop && e.target === e.currentTarget) onClose();
      }}
    >
      {open && children}
    </dialog>
  );
}
