/**
 * Risks: every error and risk of the config (the same codes and messages as the Problems panel), each with
 * where its threshold comes from, the quick fixes the editor offers, and a link that reveals its line.
 */
import type { Range } from '../../core/diagnostics';
import type { AnalysisPayload, PanelDiagnostic } from '../../core/protocol/webview-messages';
import { h } from '../dom';
import { placeholder, type View } from './view';

const SEVERITY_LABEL: Readonly<Record<PanelDiagnostic['severity'], string>> = {
  error: 'Error',
  warning: 'Warning',
  information: 'Info',
  hint: 'Hint',
};

export class RisksView implements View {
  readonly element: HTMLElement;

  constructor(analysis: AnalysisPayload | undefined, reveal: (range: Range) => void) {
    if (!analysis) {
      this.element = h('section', { class: 'view risks' }, placeholder('Analysing the config…'));
      return;
    }
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
    const risks = analysis.diagnostics.filter((d) => d.code.startsWith('risk/')).length;
    const others = analysis.diagnostics.length - errors - risks;
    const summary =
      analysis.diagnostics.length === 0
        ? `No problems: ${analysis.configName} passes every check and no risk applies.`
        : `${analysis.configName}: ${plural(errors, 'error')}, ${plural(risks, 'risk')}${others > 0 ? `, ${plural(others, 'other note')}` : ''}.`;
    this.element = h(
      'section',
      { class: 'view risks' },
      h('p', { class: 'risk-summary' }, summary),
      h(
        'ul',
        { class: 'diagnostics' },
        analysis.diagnostics.map((d) => item(d, reveal)),
      ),
    );
  }

  dispose(): void {
    /* no charts */
  }
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

function item(d: PanelDiagnostic, reveal: (range: Range) => void): HTMLLIElement {
  const line = d.range.start.line + 1;
  const link = h(
    'button',
    {
      type: 'button',
      class: 'link',
      'data-reveal': `${d.range.start.line}:${d.range.start.character}`,
      'aria-label': `Go to line ${line} of the config (${d.code})`,
    },
    `Line ${line}`,
  );
  link.addEventListener('click', () => reveal(d.range));
  return h(
    'li',
    { class: `diagnostic severity-${d.severity}`, 'data-code': d.code },
    h(
      'div',
      { class: 'diagnostic-head' },
      h('span', { class: 'severity' }, SEVERITY_LABEL[d.severity]),
      h('code', { class: 'code' }, d.code),
      link,
    ),
    h('p', { class: 'message' }, d.message),
    d.source ? h('p', { class: 'source' }, `Source: ${d.source}`) : null,
    d.fixTitles.length ? h('p', { class: 'fixes' }, `Quick fix in the editor: ${d.fixTitles.join('; ')}`) : null,
  );
}
