// Remember the language a reader picks, so /errors/{code}/ links and the
// site's root send them to it next time.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.mfkb-lang-link");
  if (!link) return;
  try { localStorage.setItem("mfkb-lang", link.getAttribute("hreflang")); } catch (e) {}
});
