import './screens.css';

export function LoadingScreen() {
  return (
    <div className="screen" data-testid="loading" role="status" aria-live="polite">
      <div className="spinner" aria-hidden="true" />
      <p className="screen__hint">Loading…</p>
    </div>
  );
}
