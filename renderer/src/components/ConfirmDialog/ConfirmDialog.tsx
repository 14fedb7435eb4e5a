// Runs in: the renderer. The question confirm-store.ts asks, as a modal dialog: what goes and
// what stays, the action named on its button, Cancel first in the focus order so Enter on
// a stray key press does nothing destructive.
import { useStore } from '../../hooks/use-store';
import { confirmStore } from '../../stores/confirm-store';
import { Dialog } from '../Dialog/Dialog';

export function ConfirmDialog() {
  const question = useStore(confirmStore);
  if (!question) return null;
  return (
    <Dialog title={question.title} onClose={() => question.answer(false)}>
      <p>{question.message}</p>
      <div className="dialog-buttons">
        <button type="button" autoFocus onClick={() => question.answer(false)}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => question.answer(true)}>
          {question.confirm}
        </button>
      </div>
    </Dialog>
  );
}
