/**
 * Colours come from the VS Code theme (the --vscode-* variables VS Code sets on the webview), so charts follow
 * light, dark and high-contrast themes and change with them.
 */
import type { ModelRole } from '../core/protocol/run-events';

export type SeriesColor = 'blue' | 'green' | 'orange' | 'purple' | 'yellow' | 'red' | 'foreground';

// Used only when the page runs without the variables (never inside VS Code, which always sets them).
const FALLBACKS: Readonly<Record<SeriesColor, string>> = {
  blue: '#3794ff',
  green: '#89d185',
  orange: '#d18616',
  purple: '#b180d7',
  yellow: '#cca700',
  red: '#f14c4c',
  foreground: '#888888',
};

export const ROLE_COLORS: Readonly<Record<ModelRole, SeriesColor>> = {
  teacher: 'blue',
  assistant: 'foreground',
  student: 'green',
  baseline: 'orange',
  pruned: 'purple',
  quantized: 'yellow',
  quantized_aware: 'red',
};

export function themeVariable(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

export function seriesColor(color: SeriesColor): string {
  const variable = color === 'foreground' ? '--vscode-charts-foreground' : `--vscode-charts-${color}`;
  return themeVariable(variable) || FALLBACKS[color];
}

export interface ChartTheme {
  readonly foreground: string;
  readonly grid: string;
  readonly fontFamily: string;
  readonly highContrast: boolean;
}

export function chartTheme(): ChartTheme {
  return {
    foreground:
      themeVariable('--vscode-charts-foreground') || themeVariable('--vscode-foreground') || FALLBACKS.foreground,
    grid: themeVariable('--vscode-charts-lines') || themeVariable('--vscode-panel-border') || 'rgba(128,128,128,0.3)',
    fontFamily: themeVariable('--vscode-font-family') || 'sans-serif',
    highContrast: document.body.classList.contains('vscode-high-contrast'),
  };
}

/** Calls `listener` whenever VS Code switches theme (it swaps the body class and rewrites the variables). */
export function onThemeChange(listener: () => void): void {
  const observer = new MutationObserver(() => listener());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
