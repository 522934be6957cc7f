import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { AppProvider } from './app/provider';
import { startApp } from './app/start-app';
import { StartFailure } from './app/start-failure';
import { LoadingScreen } from './components/loading-screen';
import './index.css';

const root = createRoot(document.getElementById('root')!);

function render(node: ReactNode): void {
  root.render(<StrictMode>{node}</StrictMode>);
}

// The SDK must be started (and, outside Telegram, the demo session created) before any
// component reads launch params or calls the API, so until then React shows a spinner.
render(<LoadingScreen />);

void startApp().then((result) => {
  if (result.status === 'ready') {
    render(
      <AppProvider>
        <App />
      </AppProvider>,
    );
  } else {
    render(<StartFailure result={result} />);
  }
});
