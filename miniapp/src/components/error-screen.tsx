import './screens.css';

type ErrorScreenProps = {
  title: string;
  message: string;
  action?: { label: string; onClick: () => void };
};

/** Full-screen explanation of why the app cannot go on; never a blank page. */
export function ErrorScreen({ title, message, action }: ErrorScreenProps) {
  return (
    <div className="screen" role="alert">
      <div className="screen__icon" aria-hidden="true">
        !
      </div>
      <div className="screen__text" data-testid="error-message">
        <h1 className="screen__title">{title}</h1>
        <p className="screen__hint">{message}</p>
      </div>
      {action && (
        <button type="button" className="button" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </div>
  );
}
