// Pagefind's UI on the Search page. The bundle and the result links are resolved against the
// site root found from this page's address, so the site works under any path (GitHub Pages
// project sites, a local server) without rebuilding the index. The newest month's stories are
// one bundle and the older ones are in others (pagefind/bundles.js lists them): one search runs
// over all of them, through assets/bundles/pagefind.js, which keeps a bundle that lacks a word
// from answering it with a shorter one.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") return;
  const root = new URL(box.dataset.root || "../", window.location.href).pathname;
  const merged = (window.ndSearchBundles || []).map((path) => ({
    bundlePath: root + "pagefind/" + path,
    baseUrl: root, // else Pagefind guesses it from the bundle's path, a folder too deep
  }));
  // The address keeps the query: a reload, a shared link or the way back from a result
  // shows the same results.
  const keep = (term) => {
    const url = new URL(window.location.href);
    if (term) url.searchParams.set("q", term);
    else url.searchParams.delete("q");
    window.history.replaceState(window.history.state, "", url);
  };
  const ui = new PagefindUI({
    element: "#search",
    bundlePath: root + "assets/bundles/", // its pagefind.js drives pagefind/pagefind.js
    baseUrl: root,
    mergeIndex: merged,
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    autofocus: true,
    processTerm: (term) => {
      keep(term);
      return term;
    },
  });
  // The UI labels its input with a title only; give it an accessible name once it exists.
  // The UI searches for no empty box: clearing it is told to `keep` by the input itself.
  const label = () => {
    const input = box.querySelector("input");
    if (!input) return window.requestAnimationFrame(label);
    input.setAttribute("aria-label", "Search every story");
    input.addEventListener("input", () => input.value.trim() || keep(""));
  };
  label();
  // Pagefind's UI writes "N results for X" into a plain paragraph, so a screen reader heard
  // nothing when results came: a polite status region repeats the message once the results
  // have settled (half a second without change), not at every key typed.
  const status = document.createElement("p");
  status.className = "nd-unseen";
  status.setAttribute("role", "status");
  box.after(status);
  let settle;
  new MutationObserver(() => {
    clearTimeout(settle);
    settle = setTimeout(() => {
      const message = box.querySelector(".pagefind-ui__message");
      status.textContent = message ? message.textContent.trim() : "";
    }, 500);
  }).observe(box, { childList: true, subtree: true, characterData: true });
  // "Load more results" adds results above itself and keeps the focus (or drops it to the
  // page when it goes), so the next Tab left the results: the focus moves to the first result
  // it added, once that result's link exists.
  box.addEventListener("click", (event) => {
    const button = event.target.closest(".pagefind-ui__button");
    if (!button) return;
    const shown = box.querySelectorAll(".pagefind-ui__result").length;
    let frames = 300;
    const focusNew = () => {
      const added = box.querySelectorAll(".pagefind-ui__result")[shown];
      const link = added && added.querySelector(".pagefind-ui__result-link");
      const waiting = document.activeElement === button || document.activeElement === document.body;
      if (link && waiting) link.focus();
      else if (!link && waiting && --frames > 0) window.requestAnimationFrame(focusNew);
    };
    window.requestAnimationFrame(focusNew);
  }, true); // capture: the count is taken before the button's own handler adds results
  // A query of spaces (`?q=+++`) is no search: it showed "No results for" and nothing after.
  const query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  if (query) ui.triggerSearch(query);
});
