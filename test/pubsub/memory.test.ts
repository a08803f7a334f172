import { memoryAdapter, PubSub } from "../../src/pubsub/index.js";
import { describeConformance } from "./conformance.js";

describeConformance("memory adapter", {
  open: (options) => new PubSub(memoryAdapter(), options),
  openPair: () => {
    const shared = memoryAdapter();
    return [new PubSub(shared), new PubSub(shared)];
  },
});
