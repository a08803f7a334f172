import { textLike } from "./text-like.js";

/**
 * Date and time pickers, the browser's own. Their values are the strings the browser uses,
 * `"2026-12-07"`, `"14:30"`, `"2026-12-07T14:30"`: no time zone is guessed on the server.
 */
export const DateInput = textLike("date", "date");
/** A time of day, `"14:30"`. */
export const TimeInput = textLike("time", "time");
/** A local date and time, `"2026-12-07T14:30"`. */
export const DateTimeInput = textLike("datetime", "datetime-local");
