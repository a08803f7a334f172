import { memoryAdapter, PubSub } from "../../src/pubsub/index.js";
import { describeConformance } from "./conformance.js";

describeConformance("memory adapter", { open: (options) => new PubSub(memoryAdapter(), options) });
