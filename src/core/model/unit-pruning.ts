/**
 * How structured pruning (`structure: units`) narrows a model, in one place for the trainer (which builds the
 * narrower model) and the rules (which refuse a sparsity that would empty a layer): every hidden dense layer
 * and conv layer keeps `round(width * (1 - sparsity))` units or filters; the output layer (the last dense)
 * and layers a hint reads keep their width. Pure.
 */

export interface PrunableLayer {
  readonly type: string;
  readonly name: string;
}

/** Units or filters a layer of `width` keeps at `sparsity` (0 means the layer would be emptied). */
export function unitsKept(width: number, sparsity: number): number {
  return Math.round(width * (1 - sparsity));
}

/** Whether structured pruning narrows the layer at `index`: a dense or conv2d layer that is not the output and not hinted. */
export function isNarrowed(layers: readonly PrunableLayer[], index: number, keepWidth: ReadonlySet<string>): boolean {
  const layer = layers[index]!;
  const lastDense = layers.map((l) => l.type).lastIndexOf('dense');
  return (layer.type === 'dense' || layer.type === 'conv2d') && index !== lastDense && !keepWidth.has(layer.name);
}

/** Names of the layers `sparsity` would empty (each with its width). */
export function emptiedLayers(
  layers: readonly (PrunableLayer & { readonly width: number })[],
  sparsity: number,
  keepWidth: ReadonlySet<string>,
): { name: string; width: number }[] {
  return layers.flatMap((layer, index) =>
    isNarrowed(layers, index, keepWidth) && unitsKept(layer.width, sparsity) < 1
      ? [{ name: layer.name, width: layer.width }]
      : [],
  );
}
