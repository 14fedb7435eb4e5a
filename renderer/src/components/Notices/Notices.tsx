// Runs in: the renderer. The notices (stores/notices.ts) as toasts in one live region.
import { useStore } from '../../hooks/use-store';
import { dismissNotice, noticeStore } from '../../stores/notices';
import './Notices.css';

export function Notices() {
  const notices = useStore(noticeStore);
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.tone}`} role={n.tone === 'error' ? 'alert' : undefined}>
          <span>{n.text}</span>
          {n.actions.map((action) => (
            <button
              key={action.label}
              type="button"
              className="notice-action"
              onClick={() => {
                dismissNotice(n.id);
                action.run();
              }}
            >
              {action.label}
            </button>
          ))}
          <button type="button" aria-label="Dismiss" onClick={() => dismissNotice(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
