/** A confusion matrix as a table (rows: true class, columns: predicted), cells shaded by their share of the row. */
import { h } from '../dom';

export function confusionMatrix(
  title: string,
  classes: readonly string[],
  matrix: readonly (readonly number[])[],
): HTMLElement {
  const label = (i: number): string => classes[i] ?? String(i);
  const body = matrix.map((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    return h(
      'tr',
      {},
      h('th', { scope: 'row' }, label(i)),
      row.map((count, j) => {
        const cell = h(
          'td',
          { class: i === j ? 'num diagonal' : 'num', title: `true ${label(i)}, predicted ${label(j)}: ${count}` },
          count,
        );
        // Shade through a CSS custom property set via the CSSOM (allowed by the CSP); panel.css mixes the colour.
        cell.style.setProperty('--share', total > 0 ? (count / total).toFixed(3) : '0');
        return cell;
      }),
    );
  });
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'data-table confusion' },
      h('caption', {}, `${title}: rows are the true class, columns the predicted class`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'true \\ predicted'),
          matrix[0]?.map((_, j) => h('th', { scope: 'col', class: 'num' }, label(j))) ?? [],
        ),
      ),
      h('tbody', {}, body),
    ),
  );
}
