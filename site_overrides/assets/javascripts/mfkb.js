// Remember the language a reader picks, so /errors/{code}/ links and the
// site's root send them to it next time.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.mfkb-lang-link");
  if (!link) return;
  try { localStorage.setItem("mfkb-lang", link.getAttribute("hreflang")); } catch (e) {}
});

// The English original beside each translated block (hidden in the page):
// one toggle for the whole page; the choice holds on every page after.
(function () {
  var button = document.querySelector(".mfkb-original-toggle");
  if (!button) return;
  function show(on) {
    document.querySelectorAll(".mfkb-original").forEach(function (original) { original.hidden = !on; });
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.classList.toggle("md-button--primary", on);
  }
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
