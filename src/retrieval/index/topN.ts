/**
 * The n items with the highest score, best first. A bounded min-heap: O(m log n) over m candidates,
 * which matters when a common query term touches 30k articles and we keep 500.
 */
export function topN(items: ArrayLike<number> & Iterable<number>, score: (item: number) => number, n: number): number[] {
  const heap: number[] = [];
  const hs: number[] = [];
  for (const item of items) {
    const s = score(item);
    if (heap.length < n) {
      heap.push(item);
      hs.push(s);
      siftUp(heap, hs, heap.length - 1);
    } else if (s > (hs[0] ?? -Infinity)) {
      heap[0] = item;
      hs[0] = s;
      siftDown(heap, hs, 0);
    }
  }
  const order = heap.map((_, i) => i).sort((a, b) => (hs[b] ?? 0) - (hs[a] ?? 0));
  return order.map((i) => heap[i] ?? 0);
}

function siftUp(heap: number[], hs: number[], i: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if ((hs[parent] ?? 0) <= (hs[i] ?? 0)) return;
    swap(heap, hs, i, parent);
    i = parent;
  }
}

function siftDown(heap: number[], hs: number[], i: number): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let min = i;
    if (l < heap.length && (hs[l] ?? 0) < (hs[min] ?? 0)) min = l;
    if (r < heap.length && (hs[r] ?? 0) < (hs[min] ?? 0)) min = r;
    if (min === i) return;
    swap(heap, hs, i, min);
    i = min;
  }
}

function swap(heap: number[], hs: number[], a: number, b: number): void {
  [heap[a], heap[b]] = [heap[b] ?? 0, heap[a] ?? 0];
  [hs[a], hs[b]] = [hs[b] ?? 0, hs[a] ?? 0];
}

/**
 * `topN` specialised for the hot path: items scored by a typed array, optionally filtered by a 0/1
 * mask, without a closure call per item (touched lists reach 30k docs).
 */
export function topByScores(items: ArrayLike<number>, scores: Float32Array, n: number, mask?: Uint8Array): number[] {
  const heap: number[] = [];
  const hs: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i] ?? 0;
    if (mask && !mask[item]) continue;
    const s = scores[item] ?? 0;
    if (heap.length < n) {
      heap.push(item);
      hs.push(s);
      siftUp(heap, hs, heap.length - 1);
    } else if (s > (hs[0] ?? -Infinity)) {
      heap[0] = item;
      hs[0] = s;
      siftDown(heap, hs, 0);
    }
  }
  const order = heap.map((_, i) => i).sort((a, b) => (hs[b] ?? 0) - (hs[a] ?? 0));
  return order.map((i) => heap[i] ?? 0);
}
