import { textLike } from "./text-like.js";

// One @ between a local part and a domain with a dot: what a form can check without sending mail.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

/** An email field (the phone shows its email keyboard); a form refuses text that is not an address. */
export const EmailInput = textLike("email", "email", (text) => (EMAIL.test(text) ? undefined : "Enter an email address, like name@example.com."));
