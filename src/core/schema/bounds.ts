import type { NumberNode } from './types';

/** The legal range of a number as readable parts (`>= 0`, `< 1`), for error messages and the README reference. */
export function boundParts(node: NumberNode): string[] {
  const parts: string[] = [];
  if (node.min !== undefined) parts.push(`>= ${node.min}`);
  if (node.exclusiveMin !== undefined) parts.push(`> ${node.exclusiveMin}`);
  if (node.max !== undefined) parts.push(`<= ${node.max}`);
  if (node.exclusiveMax !== undefined) parts.push(`< ${node.exclusiveMax}`);
  return parts;
}
