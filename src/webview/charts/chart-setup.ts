/**
 * Chart.js with only the parts the panel draws (tree-shaken into the bundle), animations off (live curves
 * redraw often, and a panel should not move on its own), colours from the VS Code theme.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Decimation,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { chartTheme } from '../theme';

let registered = false;

export function setUpCharts(): void {
  if (!registered) {
    Chart.register(
      BarController,
      BarElement,
      LineController,
      LineElement,
      PointElement,
      CategoryScale,
      LinearScale,
      Legend,
      Tooltip,
      Decimation,
    );
    registered = true;
  }
  applyChartTheme();
}

export function applyChartTheme(): void {
  const theme = chartTheme();
  Chart.defaults.color = theme.foreground;
  Chart.defaults.borderColor = theme.grid;
  Chart.defaults.font.family = theme.fontFamily;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
}

export { Chart };
