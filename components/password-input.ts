import { textLike } from "./text-like.js";

/** A password field: typed text hidden; its value is a string. Rules such as "one digit" are validators. */
export const PasswordInput = textLike("password", "password");
