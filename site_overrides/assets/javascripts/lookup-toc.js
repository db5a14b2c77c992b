// The lookup page around its answer (lookup.js): the answer's headings in the table of contents, as
// Material lists a page's own (in both of its copies: the sidebar's and the one in the phone's menu),
// and the "Check a delivery path" section only where a path check can find the fault. Material marks the
// heading being read in the table of contents, but only among the headings the page had when it loaded:
// the answer's links are marked here by its rule and with its classes.
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
    followScrolling();
    markRead();
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

  var following = false;

  function followScrolling() {
    if (following) return;
    following = true;
    var queued = false;
    var later = function () {
      if (queued) return;
      queued = true;
      requestAnimationFrame(function () { queued = false; markRead(); });
    };
    addEventListener("scroll", later, { passive: true });
    addEventListener("resize", later);
  }

  // Material's rule (its table of contents' watcher): a heading is passed once its top is above the
  // header and a little of the grid's offset, every heading at the page's end; the last passed is active.
  // Only the answer's links are touched: Material keeps marking the page's own.
  function markRead() {
    var header = document.querySelector('[data-md-component="header"]');
    var main = document.querySelector('[data-md-component="main"]');
    var adjust = (header ? header.offsetHeight : 0) +
      (main && main.firstElementChild ? 0.8 * (main.firstElementChild.offsetTop - main.offsetTop) : 0);
    var atEnd = scrollY + innerHeight >= Math.floor(document.body.offsetHeight);
    document.querySelectorAll('[data-md-component="toc"]').forEach(function (list) {
      var read = [];
      list.querySelectorAll("a.md-nav__link").forEach(function (link) {
        var target = document.getElementById(idOf(link));
        if (!target || !target.getClientRects().length) return mark(link, false, false);
        var top = target.getBoundingClientRect().top + scrollY;
        if (atEnd || top - adjust < scrollY) read.push({ link: link, top: top });
        else mark(link, false, false);
      });
      var last = read.reduce(function (max, item) { return max && max.top > item.top ? max : item; }, null);
      read.forEach(function (item) { mark(item.link, true, item === last); });
    });
  }

  // The id a link's #fragment names; one that is not valid percent-encoding names itself.
  function idOf(link) {
    var fragment = link.hash.slice(1);
    try { return decodeURIComponent(fragment); } catch (e) { return fragment; }
  }

  function mark(link, passed, active) {
    if (!link.closest("li.mfkb-toc-answer")) return;
    link.classList.toggle("md-nav__link--passed", passed);
    link.classList.toggle("md-nav__link--active", active);
  }

  MFKB.lookupToc = { update: update };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
