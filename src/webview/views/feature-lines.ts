/**
 * Draws each feature-matching pair as a line from the teacher layer to the student layer across the gutter
 * between the columns. Positions come from the laid-out rows, so lines are redrawn when the panel resizes.
 */
import type { FeaturePair } from '../../core/config/types';
import { clear, svg } from '../dom';

export class FeatureLines {
  private readonly observer: ResizeObserver;

  constructor(
    private readonly gutter: HTMLElement,
    private readonly teacherColumn: HTMLElement,
    private readonly studentColumn: HTMLElement,
    private readonly pairs: readonly FeaturePair[],
  ) {
    this.observer = new ResizeObserver(() => this.draw());
    this.observer.observe(gutter);
    this.observer.observe(teacherColumn);
    this.observer.observe(studentColumn);
  }

  draw(): void {
    clear(this.gutter);
    const box = this.gutter.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    const picture = svg('svg', {
      class: 'feature-lines',
      width: box.width,
      height: box.height,
      viewBox: `0 0 ${box.width} ${box.height}`,
    });
    for (const pair of this.pairs) {
      const from = this.rowCentre(this.teacherColumn, pair.teacher);
      const to = this.rowCentre(this.studentColumn, pair.student);
      if (from === undefined || to === undefined) continue;
      const y1 = from - box.top;
      const y2 = to - box.top;
      const line = svg('path', {
        class: 'feature-line',
        d: `M 0 ${y1} C ${box.width / 2} ${y1}, ${box.width / 2} ${y2}, ${box.width} ${y2}`,
        'data-pair': `${pair.teacher}->${pair.student}`,
      });
      const title = svg('title');
      title.textContent = `${pair.teacher} → ${pair.student} (weight ${pair.weight})`;
      line.appendChild(title);
      picture.append(
        svg('circle', { class: 'feature-end', cx: 3, cy: y1, r: 3 }),
        line,
        svg('circle', { class: 'feature-end', cx: box.width - 3, cy: y2, r: 3 }),
      );
    }
    this.gutter.appendChild(picture);
  }

  private rowCentre(column: HTMLElement, layerName: string): number | undefined {
    // Compare names in script, not in a selector: layer names are arbitrary text.
    const row = Array.from(column.querySelectorAll<HTMLElement>('li.layer')).find(
      (li) => li.dataset.layer === layerName,
    );
    if (!row) return undefined;
    const rect = row.getBoundingClientRect();
    return rect.top + rect.height / 2;
  }

  dispose(): void {
    this.observer.disconnect();
  }
}
