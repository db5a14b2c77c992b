// The lookup page around its answer (lookup.js): the answer's headings in the table of contents, as
// Material lists a page's own (in both of its copies: the sidebar's and the one in the phone's menu),
// and the "Check a delivery path" section only where a path check can find the fault.
(function (MFKB) {
  "use strict";

  var PATH_SECTION = "check-a-path";

  // results: the answer's element; text: what was looked up; matches: lookup()'s answer
  // ([] for an empty box); page.path_check: the codes and reasons a path check can explain.
  function update(results, text, matches, page) {
    var pathHelps = !text.trim() || helps(matches, page.path_check);
    pathSection().forEach(function (node) { node.hidden = !pathHelps; });
    var headings = answerHeadings(results);
    document.querySelectorAll('[data-md-component="toc"]').forEach(function (list) {
      fill(list, headings, pathHelps);
    });
  }

  function helps(matches, pathCheck) {
    if (!pathCheck) return false;
    return matches.some(function (match) {
      return pathCheck.codes.indexOf(match.entry) >= 0 || pathCheck.reasons.indexOf(match.reason) >= 0 ||
        (Boolean(match.meaning) && pathCheck.meanings.indexOf(match.code) >= 0);
    });
  }

  // The section's heading with what comes before it (its extra anchors) and after it, up to the page's data.
  function pathSection() {
    var heading = document.getElementById(PATH_SECTION);
    if (!heading) return [];
    var first = heading.previousElementSibling && heading.previousElementSibling.hasAttribute("data-mfkb-section")
      ? heading.previousElementSibling : heading;
    var nodes = [];
    for (var node = first; node && node.tagName !== "SCRIPT"; node = node.nextElementSibling) nodes.push(node);
    return nodes;
  }

  // [{id, text, level, children}] of the answer's h2 and h3, each given an id from what it says.
  function answerHeadings(results) {
    var found = [];
    results.querySelectorAll("h2, h3").forEach(function (heading) {
      if (!heading.id) heading.id = uniqueId(idFor(heading));
      var item = { id: heading.id, text: heading.textContent, children: [] };
      if (heading.tagName === "H3" && found.length) found[found.length - 1].children.push(item);
      else found.push(item);
    });
    return found;
  }

  function idFor(heading) {
    var reason = heading.querySelector("[data-reason]");
    if (reason) return "answer-" + reason.getAttribute("data-reason");
    var code = heading.querySelector(".mfkb-lookup-code");
    if (code) return "answer-" + code.textContent.split(" ").pop();
    return heading.closest(".mfkb-lookup-why") ? "answer-why" : "answer-codes";
  }

  function uniqueId(id) {
    var unique = id;
    for (var n = 2; document.getElementById(unique); n++) unique = id + "-" + n;
    return unique;
  }

  // The answer's items go first, in the page's order; the path check's own item stays, as Material
  // made it, shown only with its section.
  function fill(list, headings, pathHelps) {
    list.querySelectorAll(":scope > li.mfkb-toc-answer").forEach(function (item) { item.remove(); });
    var own = list.querySelector(':scope > li > a[href="#' + PATH_SECTION + '"]');
    if (own) own.parentNode.hidden = !pathHelps;
    var before = list.firstElementChild;
    headings.forEach(function (heading) {
      var item = tocItem(heading);
      item.classList.add("mfkb-toc-answer");
      list.insertBefore(item, before);
    });
  }

  function tocItem(heading) {
    var item = document.createElement("li");
    item.className = "md-nav__item";
    var link = document.createElement("a");
    link.className = "md-nav__link";
    link.href = "#" + heading.id;
    var label = document.createElement("span");
    label.className = "md-ellipsis";
    label.textContent = heading.text;
    link.appendChild(label);
    item.appendChild(link);
    if (heading.children.length) {
      var nav = document.createElement("nav");
      nav.className = "md-nav";
      nav.setAttribute("aria-label", heading.text);
      var list = document.createElement("ul");
      list.className = "md-nav__list";
      heading.children.forEach(function (child) { list.appendChild(tocItem(child)); });
      nav.appendChild(list);
      item.appendChild(nav);
    }
    return item;
  }

  MFKB.lookupToc = { update: update };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
