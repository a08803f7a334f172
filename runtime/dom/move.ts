/** `Element.moveBefore` (Chromium 133+): an atomic move that keeps focus, selection and state. */
type MovableParent = Node & { moveBefore?: (node: Node, before: Node | null) => void };

/**
 * Moves a node (a real move, never a re-creation). Where the browser cannot move atomically,
 * focus and the text selection inside the moved node are put back afterwards, so a row the
 * user is typing in can be reordered under their cursor.
 */
export function moveNode(parent: Node, node: Node, before: Node | null): void {
  const target = parent as MovableParent;
  if (typeof target.moveBefore === "function" && node.isConnected && parent.isConnected) {
    try {
      target.moveBefore(node, before);
      return;
    } catch {
      // Not movable atomically here (e.g. across documents): fall back below.
    }
  }
  const active = document.activeElement as (HTMLElement & { selectionStart?: number | null; selectionEnd?: number | null }) | null;
  const inside = active !== null && active !== document.body && node.contains(active);
  const start = inside ? safe(() => active.selectionStart) : null;
  const end = inside ? safe(() => active.selectionEnd) : null;
  parent.insertBefore(node, before);
  if (!inside || document.activeElement === active) return;
  active.focus({ preventScroll: true });
  if (start != null && end != null) safe(() => (active as HTMLInputElement).setSelectionRange(start, end));
}

function safe<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null; // controls without a text selection (checkbox, number) throw
  }
}
