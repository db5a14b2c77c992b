// The language switch: the same page in the other language, at the same #section
// (sections have the same id in every language; a readable Korean id, an extra
// anchor, stands for its section's) and with the same ?query (the lookup's).
// It remembers the choice, so /errors/{code}/ links and the site's root send
// the reader to it next time.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.mfkb-lang-link");
  if (!link) return;
  try { localStorage.setItem("mfkb-lang", link.getAttribute("hreflang")); } catch (e) {}
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  var hash = location.hash;
  try {
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (target && target.hasAttribute("data-mfkb-section")) hash = "#" + target.getAttribute("data-mfkb-section");
  } catch (e) {}
  event.preventDefault();
  location.href = link.href.split(/[?#]/)[0] + location.search + hash;
});

// The English original beside each translated block (hidden in the page):
// one toggle for the whole page; the choice holds on every page after. Its
// label says what pressing it does.
(function () {
  var button = document.querySelector(".mfkb-original-toggle");
  if (!button) return;
  function show(on) {
    document.querySelectorAll(".mfkb-original").forEach(function (original) { original.hidden = !on; });
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = button.getAttribute(on ? "data-label-hide" : "data-label-show");
  }
  // Under the title, where "skip to content" lands: the first stop of the tab order after it.
  var title = document.querySelector("article h1");
  if (title) title.insertAdjacentElement("afterend", button);
  var saved = null;
  try { saved = localStorage.getItem("mfkb-originals"); } catch (e) {}
  show(saved === "shown");
  button.hidden = false;
  button.addEventListener("click", function () {
    var on = button.getAttribute("aria-pressed") !== "true";
    show(on);
    try { localStorage.setItem("mfkb-originals", on ? "shown" : "hidden"); } catch (e) {}
  });
})();
