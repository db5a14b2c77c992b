// An entry page reached from another code's address (/errors/5.4.316/ sends
// the reader to 4.4.316 with ?from=5.4.316; generator/site/code_links.py):
// say which code the reader followed and how it relates to this entry.  The
// sentences are in the page (.mfkb-followed, hidden); the code only ever
// enters them as text.
(function () {
  "use strict";
  var box = document.querySelector(".mfkb-followed");
  if (!box) return;
  var code = new URLSearchParams(location.search).get("from");
  if (!code || !/^[245]\.[0-9]{1,3}\.[0-9]{1,3}$/.test(code)) return;
  var CLASSES = { "2": "success", "4": "transient", "5": "permanent" };
  var entry = box.getAttribute("data-entry");
  var aliases = box.getAttribute("data-aliases").split(" ");
  var rangeEnd = box.getAttribute("data-range-end");

  function covers(wanted) {
    if (!rangeEnd) return false;
    var first = entry.split("."), last = rangeEnd.split("."), parts = wanted.split(".");
    var detail = parseInt(parts[2], 10);
    return parts[0] === first[0] && parts[1] === first[1] &&
      parseInt(first[2], 10) <= detail && detail <= parseInt(last[2], 10);
  }

  function kind() {
    if (code === entry) return null;
    if (aliases.indexOf(code) >= 0) {
      if (code.charAt(0) === "5" && entry.charAt(0) === "4") return "expired";
      if (code.charAt(0) === "4" && entry.charAt(0) === "5") return "deferred";
      return "alias";
    }
    if (covers(code)) return "range";
    var general = "X" + code.slice(1);
    if (entry.charAt(0) === "X" && (general === entry || covers(general))) return "class-agnostic";
    return null;
  }

  function fill(node) {
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) walker.currentNode.nodeValue = walker.currentNode.nodeValue.split("%(code)s").join(code);
  }

  var found = kind();
  if (!found) return;
  var shown = [box.querySelector('[data-note="' + found + '"]')];
  if (found === "class-agnostic") shown.push(box.querySelector('[data-class="' + CLASSES[code.charAt(0)] + '"]'));
  box.querySelectorAll("[data-meaning-codes]").forEach(function (line) {
    if (line.getAttribute("data-meaning-codes").split(" ").indexOf(code) >= 0) shown.push(line);
  });
  box.querySelectorAll("[data-note], [data-class], [data-meaning-codes]").forEach(function (line) {
    line.hidden = shown.indexOf(line) < 0;
  });
  shown.forEach(function (line) { if (line) fill(line); });
  box.hidden = false;
})();
