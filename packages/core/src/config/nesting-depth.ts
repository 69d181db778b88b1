/**
 * How deeply arrays and objects nest in a parsed value (a scalar is 0, `[]` is 1, `[[1]]` is 2),
 * counted without recursion so a hostile document cannot overflow the stack. Stops counting
 * once past `limit`, so the cost is bounded by the nodes above that depth.
 */
export function nestingDepth(value: unknown, limit = Infinity): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, here]);
  }
  return deepest;
}
