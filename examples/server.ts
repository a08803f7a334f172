/**
 * `npm start`: serves the gallery (every example, with a gallery page at /). PORT and HOST come
 * from the environment (default 127.0.0.1:3000).
 */
import { serve } from "tether-live";
import { galleryOptions } from "./gallery.js";

const running = await serve(galleryOptions());
console.log(`Tether examples at ${running.url}/`);
