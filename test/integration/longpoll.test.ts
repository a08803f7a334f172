/**
 * The transport conformance suite over HTTP long-poll (the fallback): the same cases, the
 * same answers, as over a WebSocket.
 */
import { longpoll } from "../support/transports.js";
import { runTransportConformance } from "./transport.case.js";

runTransportConformance(longpoll);
