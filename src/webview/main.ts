/** Entry point of the panel's browser bundle (dist/webview.js): connects to the host and starts the app. */
import { App } from './app';
import { applyChartTheme, setUpCharts } from './charts/chart-setup';
import { recolourCharts } from './charts/chart-card';
import { onThemeChange } from './theme';
import { connectToHost } from './vscode-api';

function start(): void {
  const root = document.getElementById('app');
  if (!root) throw new Error('the panel page has no #app element');
  try {
    const host = connectToHost();
    setUpCharts();
    const app = new App(root, host);
    window.addEventListener('message', (event: MessageEvent<unknown>) => app.receive(event.data));
    onThemeChange(() => {
      applyChartTheme();
      recolourCharts();
    });
    host.post('ready', {});
  } catch (error) {
    const message = document.createElement('p');
    message.className = 'fatal';
    message.textContent = `The Distillery panel could not start: ${error instanceof Error ? error.message : String(error)}`;
    root.replaceChildren(message);
    throw error;
  }
}

start();
