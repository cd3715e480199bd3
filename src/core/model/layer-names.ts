/**
 * Names for layers the config leaves unnamed: `<type>_<n>`, counting per type from 1 within one model
 * (`dense_1`, `dense_2`, `conv2d_1`), skipping names the config already uses. The trainer names its
 * TF.js layers with this same function, so `distillation.features` can refer to generated names.
 */
export function assignLayerNames(layers: readonly { readonly type: string; readonly name?: string }[]): string[] {
  const taken = new Set(layers.map((l) => l.name).filter((n): n is string => n !== undefined));
  const counters = new Map<string, number>();
  return layers.map((layer) => {
    if (layer.name !== undefined) return layer.name;
    let n = counters.get(layer.type) ?? 0;
    let candidate: string;
    do { n++; candidate = `${layer.type}_${n}`; } while (taken.has(candidate));
    counters.set(layer.type, n);
    taken.add(candidate);
    return candidate;
  });
}
