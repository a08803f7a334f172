import { textLike } from "./text-like.js";

/** A web address field; a form refuses text that is not an http or https URL. */
export const UrlInput = textLike("url", "url", (text) => {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? undefined : "Enter a web address starting with http:// or https://.";
  } catch {
    return "Enter a web address, like https://example.com.";
  }
});
