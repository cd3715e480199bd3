/**
 * The panel's controller: validates every host message, keeps the data the views draw, persists the UI state,
 * and (re)builds the active view when its data changes. Training events update the live charts in place.
 */
import type { Range } from '../core/diagnostics';
import type { RunReport } from '../core/protocol/report';
import type { RunEvent } from '../core/protocol/run-events';
import type { SweepIndex } from '../core/protocol/sweep';
import {
  validateHostMessage,
  type AnalysisPayload,
  type HostMessage,
  type RunListEntry,
} from '../core/protocol/webview-messages';
import type { TableToggle } from './charts/chart-card';
import { clear, h } from './dom';
import { VIEW_PANEL_ID, Tabs } from './tabs';
import { TrainingModel } from './training-model';
import { restoreUiState, viewsOf, type UiState, type ViewId } from './ui-state';
import type { HostConnection } from './vscode-api';
import { ComparisonView } from './views/comparison-view';
import { ResultsView } from './views/results-view';
import { RisksView } from './views/risks-view';
import { RunsView } from './views/runs-view';
import { SweepView } from './views/sweep-view';
import { TrainingView } from './views/training-view';
import type { View } from './views/view';

export class App {
  private state: UiState;
  private analysis: AnalysisPayload | undefined;
  private runs: readonly RunListEntry[] | undefined;
  private readonly reports = new Map<string, RunReport>();
  private latestReport: string | undefined;
  private readonly requested = new Set<string>();
  private sweep: SweepIndex | undefined;
  private readonly training = new TrainingModel();

  private readonly title = h('h1', { class: 'panel-title' });
  private readonly notices = h('ul', { class: 'notices', 'aria-live': 'assertive' });
  private readonly tabs = new Tabs((view) => this.select(view));
  private readonly panel = h('div', { id: VIEW_PANEL_ID, role: 'tabpanel', tabindex: 0 });
  private view: View | undefined;
  private tabTrainingState = this.training.status.state;
  private readonly tables: TableToggle = {
    isTable: (id) => this.state.tables.includes(id),
    setTable: (id, show) =>
      this.save({
        tables: show ? [...this.state.tables.filter((t) => t !== id), id] : this.state.tables.filter((t) => t !== id),
      }),
  };

  constructor(
    root: HTMLElement,
    private readonly host: HostConnection,
  ) {
    this.state = restoreUiState(host.loadState());
    clear(root);
    root.append(this.title, this.notices, this.tabs.element, this.panel);
    if (this.state.init) this.applyInit();
  }

  /** A message event from the host: validated, then applied. Invalid ones are reported and dropped. */
  receive(data: unknown): void {
    const checked = validateHostMessage(data);
    if (!checked.ok) {
      this.notify('error', `Ignored a message from the extension: ${checked.error}`);
      this.host.post('protocolError', { message: checked.error });
      return;
    }
    this.apply(checked.message);
  }

  private apply(message: HostMessage): void {
    switch (message.type) {
      case 'init':
        this.save({ init: message.payload });
        this.applyInit();
        return;
      case 'analysis':
        this.analysis = message.payload;
        this.refresh(['comparison', 'risks']);
        return;
      case 'runEvents':
        this.applyEvents(message.payload.events);
        return;
      case 'runs':
        this.runs = message.payload.runs;
        this.save({ selectedRuns: this.state.selectedRuns.filter((id) => this.runs?.some((r) => r.id === id)) });
        this.requestReports();
        this.refresh(['runs']);
        return;
      case 'report':
        this.reports.set(message.payload.runId, message.payload.report);
        this.requested.delete(message.payload.runId);
        this.latestReport = message.payload.runId;
        this.refresh(['results', 'runs']);
        return;
      case 'sweep':
        this.sweep = message.payload.sweep;
        this.refresh(['sweep']);
        return;
      case 'notice':
        this.notify(message.payload.level, message.payload.message);
        return;
    }
  }

  private applyInit(): void {
    const init = this.state.init;
    if (!init) return;
    this.title.textContent = init.title;
    const views = viewsOf(init.kind);
    if (!this.state.view || !views.includes(this.state.view)) this.save({ view: views[0] });
    this.renderTabs();
    this.renderView();
  }

  private applyEvents(events: readonly RunEvent[]): void {
    let restarted = false;
    for (const event of events) restarted = this.training.apply(event).restarted || restarted;
    if (this.view instanceof TrainingView) this.view.update(events, restarted);
    // Only the Training tab's label depends on events, and only on the run state: redraw tabs when it changes.
    if (this.training.status.state !== this.tabTrainingState) this.renderTabs();
  }

  private select(view: ViewId): void {
    if (view === this.state.view) return;
    this.save({ view });
    this.renderTabs();
    this.renderView();
  }

  private refresh(affected: readonly ViewId[]): void {
    this.renderTabs();
    if (this.state.view && affected.includes(this.state.view)) this.renderView();
  }

  private renderTabs(): void {
    const init = this.state.init;
    if (!init || !this.state.view) return;
    const problems = this.analysis?.diagnostics.length;
    const status = this.training.status.state;
    this.tabTrainingState = status;
    this.tabs.set(viewsOf(init.kind), this.state.view, {
      ...(problems !== undefined ? { risks: `Risks (${problems})` } : {}),
      ...(status === 'running' ? { training: 'Training (running)' } : {}),
      ...(this.runs ? { runs: `Runs (${this.runs.length})` } : {}),
    });
  }

  private renderView(): void {
    const focusKey = focusIdentity(this.panel);
    this.view?.dispose();
    this.view = this.build(this.state.view);
    clear(this.panel);
    this.panel.setAttribute('aria-labelledby', `tab-${this.state.view ?? ''}`);
    if (this.view) this.panel.appendChild(this.view.element);
    if (focusKey) restoreFocus(this.panel, focusKey);
  }

  private build(view: ViewId | undefined): View | undefined {
    switch (view) {
      case undefined:
        return undefined;
      case 'comparison':
        return new ComparisonView(this.analysis, this.state.layerMetric, (metric) => {
          this.save({ layerMetric: metric });
          this.renderView();
        });
      case 'risks':
        return new RisksView(this.analysis, (range: Range) => this.host.post('revealRange', { range }));
      case 'training':
        return new TrainingView(this.training, this.tables);
      case 'results': {
        const id =
          this.state.resultsRun && this.reports.has(this.state.resultsRun) ? this.state.resultsRun : this.latestReport;
        const report = id ? this.reports.get(id) : undefined;
        const empty =
          this.state.init?.kind === 'run'
            ? 'Reading report.json…'
            : 'No results yet: finish a run, or pick one in the Runs view.';
        return new ResultsView(id && report ? { runId: id, report } : undefined, this.tables, empty, (runId, file) =>
          this.host.post('revealExport', { runId, path: file }),
        );
      }
      case 'runs':
        return new RunsView(this.runs, this.state.selectedRuns, this.reports, {
          toggle: (runId) => {
            const selected = this.state.selectedRuns.includes(runId)
              ? this.state.selectedRuns.filter((r) => r !== runId)
              : [...this.state.selectedRuns, runId].slice(-2);
            this.save({ selectedRuns: selected });
            this.requestReports();
            this.renderView();
          },
          open: (runId) => {
            this.save({ resultsRun: runId });
            this.requestReports();
            this.select('results');
          },
        });
      case 'sweep':
        return new SweepView(this.sweep, this.state.sweepSort, this.tables, {
          sort: (column, descending) => {
            this.save({ sweepSort: { column, descending } });
            this.renderView();
          },
          openTrial: (trialId) => this.host.post('openTrial', { trialId }),
        });
    }
  }

  /** Asks the host for every report the UI state needs and does not have (selected runs, the chosen run). */
  private requestReports(): void {
    if (this.state.init?.kind !== 'config' || !this.runs) return;
    const wanted = [...this.state.selectedRuns, ...(this.state.resultsRun ? [this.state.resultsRun] : [])];
    for (const runId of wanted) {
      if (this.reports.has(runId) || this.requested.has(runId) || !this.runs.some((r) => r.id === runId)) continue;
      this.requested.add(runId);
      this.host.post('loadReport', { runId });
    }
  }

  private notify(level: 'info' | 'error', text: string): void {
    const dismiss = h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss this message' }, 'Dismiss');
    const item = h(
      'li',
      { class: `notice notice-${level}`, role: level === 'error' ? 'alert' : 'status' },
      h('span', {}, text),
      ' ',
      dismiss,
    );
    dismiss.addEventListener('click', () => item.remove());
    this.notices.appendChild(item);
    // Keep the last few: a flood of bad messages must not push the views off screen.
    while (this.notices.children.length > 5) this.notices.firstElementChild?.remove();
  }

  private save(change: Partial<UiState>): void {
    this.state = { ...this.state, ...change };
    this.host.saveState(this.state);
  }
}

const IDENTITY_ATTRIBUTES = ['data-column', 'data-metric', 'data-open', 'data-reveal', 'data-chart'];

/** Which control had focus inside the view, so a rebuilt view can give focus back to the same control. */
function focusIdentity(
  panel: HTMLElement,
): { tag: string; attribute: string; value: string; row?: string } | undefined {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !panel.contains(active) || active === panel) return undefined;
  const row = active.closest('tr')?.getAttribute('data-run') ?? undefined;
  for (const attribute of IDENTITY_ATTRIBUTES) {
    const value = active.getAttribute(attribute) ?? active.closest(`[${attribute}]`)?.getAttribute(attribute);
    if (value !== null && value !== undefined)
      return { tag: active.tagName, attribute, value, ...(row ? { row } : {}) };
  }
  return row ? { tag: active.tagName, attribute: 'data-run', value: row, row } : undefined;
}

function restoreFocus(panel: HTMLElement, key: { tag: string; attribute: string; value: string; row?: string }): void {
  const candidates = Array.from(panel.querySelectorAll<HTMLElement>(key.tag));
  const match = candidates.find((el) => {
    const owner = el.getAttribute(key.attribute) === key.value ? el : el.closest(`[${key.attribute}]`);
    return (
      owner?.getAttribute(key.attribute) === key.value &&
      (!key.row || el.closest('tr')?.getAttribute('data-run') === key.row)
    );
  });
  (match ?? panel).focus();
}
