/**
 * Names for layers the config leaves unnamed: `<type>_<n>` where n counts the layers of that type from 1
 * within one model, named or not (the second dense layer is `dense_2` even when the first has a name).
 * This is the trainer's rule (src/trainer/model/build-model.ts), so `distillation.features` can refer to
 * the generated names and the summaries show the names the trained model will have.
 */
export function assignLayerNames(layers: readonly { readonly type: string; readonly name?: string }[]): string[] {
  const counters = new Map<string, number>();
  return layers.map((layer) => {
    const n = (counters.get(layer.type) ?? 0) + 1;
    counters.set(layer.type, n);
    return layer.name ?? `${layer.type}_${n}`;
  });
}
