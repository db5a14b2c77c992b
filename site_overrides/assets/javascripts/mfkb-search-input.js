// Material's search, mended where it fails readers.
// Its box is read on keyup only, so a query pasted with the mouse, dropped in,
// or finished in an IME composition (Korean) would run nothing until the next
// key. Every change of the box is passed on as a keyup; Material drops the
// repeats (it compares the value).
// Its results title each page with an <h1> and each section with an <h2>: with
// the search open, a page had a dozen first-level headings besides its own.
// They are one and two levels down (aria-level), under the page's h1.
(function () {
  "use strict";
  var box = document.querySelector("input[data-md-component='search-query']");
  if (!box) return;
  ["input", "compositionend"].forEach(function (type) {
    box.addEventListener(type, function () {
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
  });
  var results = document.querySelector("[data-md-component='search-result']");
  if (!results || !window.MutationObserver) return;
  new MutationObserver(function () {
    results.querySelectorAll("h1:not([aria-level]), h2:not([aria-level])").forEach(function (heading) {
      heading.setAttribute("aria-level", heading.tagName === "H1" ? "2" : "3");
    });
  }).observe(results, { childList: true, subtree: true });
})();
