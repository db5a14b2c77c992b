// Links into the page this knowledge base grew from use its anchors
// (#error-code-450-44316-connection-refused, #how-do-i-fix-error-code-450-44316,
// #ErrorCode44316, #other-error-codes).  The overview page carries the map of
// those anchors to the entries and sections that answer them now; only the
// map's own targets are ever followed, never text from the address.
(function () {
  "use strict";
  var data = document.getElementById("mfkb-legacy-anchors");
  if (!data) return;
  var targets = JSON.parse(data.textContent);

  function follow() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    if (!id || !Object.prototype.hasOwnProperty.call(targets, id)) return;
    if (document.getElementById(id)) return;  // a section of this page answers it
    location.replace(targets[id]);
  }

  follow();
  window.addEventListener("hashchange", follow);
})();
