import { EVENT_PREFIX, Op, type PatchOp } from "../../src/protocol/wire.js";
import { buildInto, isSvgParent, setAttribute, setProp, type BuildContext } from "./build.js";
import { childContainer, type NodeRegistry, type TrackedNode } from "./nodes.js";
import { moveNode } from "./move.js";

/**
 * Decides whether a server value may replace what the user has in a control (invariant 5,
 * "User input wins" in ARCHITECTURE.md).
 */
export type InputGuard = (el: TrackedNode, name: string) => boolean;

/**
 * Applies one patch batch. Every op addresses nodes by id; nothing is re-parsed. A node is
 * moved, never re-created, so focus, selection and typed text go with it.
 */
export function applyOps(ops: readonly PatchOp[], nodes: NodeRegistry, ctx: BuildContext, mayOverwrite: InputGuard): void {
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    switch (op[0]) {
      case Op.Create: {
        const parent = nodes.get(op[1]);
        const fragment = document.createDocumentFragment();
        ctx.nextId = op[3];
        buildInto(fragment, op[4], 0, ctx, isSvgParent(parent));
        childContainer(parent).insertBefore(fragment, op[2] === 0 ? null : nodes.get(op[2]));
        break;
      }
      case Op.Remove: {
        const node = nodes.get(op[1]);
        nodes.forget(node);
        removeRange(node);
        break;
      }
      case Op.Move: {
        const node = nodes.get(op[1]);
        const container = childContainer(nodes.get(op[2]));
        const before = op[3] === 0 ? null : nodes.get(op[3]);
        moveNode(container, node, before);
        const raw = node.$raw;
        if (raw !== undefined) for (let k = 0; k < raw.length; k++) moveNode(container, raw[k], before);
        break;
      }
      case Op.SetAttr: {
        const el = nodes.get(op[1]) as TrackedNode & Element;
        const name = op[2];
        if (name[0] === EVENT_PREFIX) {
          const type = name.slice(1);
          (el.$ev ||= {})[type] = 1;
          ctx.listen(type);
        } else setAttribute(el, name, String(op[3]));
        break;
      }
      case Op.RemoveAttr: {
        const el = nodes.get(op[1]) as TrackedNode & Element;
        const name = op[2];
        if (name[0] === EVENT_PREFIX) {
          if (el.$ev) delete el.$ev[name.slice(1)];
        } else el.removeAttribute(name);
        break;
      }
      case Op.SetProp: {
        const el = nodes.get(op[1]) as TrackedNode & Element;
        if (mayOverwrite(el, op[2])) setProp(el, op[2], op[3]);
        break;
      }
      case Op.SetText:
        nodes.get(op[1]).nodeValue = op[2];
        break;
      case Op.Clear: {
        const parent = childContainer(nodes.get(op[1])) as Element;
        nodes.forgetCleared([...parent.childNodes]);
        parent.textContent = "";
        break;
      }
      default:
        throw new Error(`Tether: unknown patch op ${JSON.stringify(op)}`);
    }
  }
}

function removeRange(node: TrackedNode): void {
  const raw = node.$raw;
  if (raw !== undefined) for (let k = 0; k < raw.length; k++) (raw[k] as ChildNode).remove();
  (node as ChildNode).remove();
}
