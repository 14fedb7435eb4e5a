// Runs in: the renderer. A thin determinate progress bar with its accessible name and value,
// for indexing and for model downloads alike; the caller sets its width through className.
import './ProgressBar.css';

interface ProgressBarProps {
  label: string;
  className: string;
  /** 0..1 of the bar filled; null while the total is not known yet (drawn empty). */
  fraction: number | null;
  max: number;
  /** Omitted while the amount done is not known. */
  now: number | undefined;
  valueText?: string;
}

export function ProgressBar({ label, className, fraction, max, now, valueText }: ProgressBarProps) {
  return (
    <div
      className={`progress-bar ${className}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={now}
      aria-valuetext={valueText}
    >
      <div className="progress-fill" style={{ width: `${(fraction ?? 0) * 100}%` }} />
    </div>
  );
}
