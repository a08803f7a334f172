/**
 * The Profile example without a browser (its Chromium tests, live navigation included, are in
 * test/e2e/navigation.test.ts): the list links every person under /profile/, a person's page
 * shows their name, links to the neighbours and renames them; its links opt in to live
 * navigation with `t-nav` on the page.
 */
import { afterEach, expect, test } from "vitest";
import { cleanup, render } from "tether-live/test";
import { PersonPage, ProfileList } from "../../examples/profile.js";

afterEach(cleanup);

const app = { routes: { "/profile": ProfileList, "/profile/:id": PersonPage } };

test("the list: every person as a link under /profile/, inside t-nav", async () => {
  const view = await render("/profile", app);
  const links = view.getAll('a[href^="/profile/"]');
  expect(links.length).toBe(5);
  expect(links[0].text).toBe("Ada Lovelace");
  expect(view.get("main").attr("t-nav")).toBe("");
});

test("a person's page: the name, the neighbours, a rename every page sees", async () => {
  const view = await render("/profile/1", app);
  expect(view.get("#person-name").text).toBe("Ada Lovelace");
  expect([view.get("#previous").attr("href"), view.get("#next").attr("href"), view.get("#back").attr("href")]).toEqual(["/profile/5", "/profile/2", "/profile"]);
  await view.submit("form", { name: "Ada King" });
  expect(view.get("#person-name").text).toBe("Ada King");
  expect(view.get("#saved").text).toBe("Saved as Ada King.");
  const list = await render("/profile", app);
  expect(list.getAll('a[href^="/profile/"]')[0].text).toBe("Ada King");
  await view.submit("form", { name: "Ada Lovelace" });
});

test("an unknown id says so, with the way back", async () => {
  const view = await render("/profile/99", app);
  expect(view.get("h1").text).toBe("No one has the id 99");
  expect(view.get("#back").attr("href")).toBe("/profile");
});
