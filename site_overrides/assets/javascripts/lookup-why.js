// generator/lookup.py's reason lines, on the page: the "why" block over the results, and the vendor meanings a code
// typed alone may have (lookup.py possible_lines).
// Built from DOM nodes and textContent only.
(function (MFKB) {
  "use strict";

  function reasonBlock(matches, page) {
    var reasons = [];
    var firsts = {};
    matches.forEach(function (match) {
      if (match.reason && reasons.indexOf(match.reason) < 0) {
        reasons.push(match.reason);
        firsts[match.reason] = match;
      }
    });
    if (!reasons.length) return null;
    var verdicts = [];
    reasons.forEach(function (reason) { verdicts = verdicts.concat(firsts[reason].failed || []); });
    var delayed = stillRetried(verdicts);
    var markDelayed = !delayed && verdicts.some(isDelayed);  // lookup.py partly_retried
    var block = element("section", "mfkb-lookup-why");
    block.appendChild(element("h2", "mfkb-lookup-why-title", page.text[whyHeading(verdicts, delayed, reasons, page)]));
    if (delayed) delayLines(verdicts, page).forEach(function (line) { block.appendChild(line); });
    var list = element("div", "mfkb-lookup-reasons");
    reasons.forEach(function (reason) {
      var item = element("h3", "mfkb-lookup-reason");
      var link = element("a", "mfkb-lookup-reason-link", (page.reasons && page.reasons[reason]) || reason);
      link.href = page.reason_pages + reason + "/";
      link.setAttribute("data-reason", reason);
      item.appendChild(link);
      list.appendChild(item);
      // What it is, whom it is about and what the server said, the sender's first step (cli/lookup.py).
      var says = page.reason_texts && page.reason_texts[reason];
      if (says) list.appendChild(element("p", "mfkb-lookup-reason-summary", says.summary));
      var said = saidList(firsts[reason].failed || [], page, markDelayed);
      if (said) list.appendChild(said);
      if (says) {
        var fix = element("p", "mfkb-lookup-reason-fix");
        fix.appendChild(element("strong", null, page.text["sender-can"] + ":"));
        fix.appendChild(document.createTextNode(" " + says.fix));
        list.appendChild(fix);
      }
    });
    block.appendChild(list);
    return block;
  }

  // A delay warning: every recipient is still being retried (lookup.py still_retried, delay_lines).
  function isDelayed(verdict) { return verdict.delayed; }

  function stillRetried(verdicts) { return verdicts.length > 0 && verdicts.every(isDelayed); }

  // The answer's heading: a text that is no bounce, a delay warning, a report of deliveries, or a bounce
  // (lookup.py why_heading).
  function whyHeading(verdicts, delayed, reasons, page) {
    if (notBounce(reasons, page)) return "why-not-bounce";
    if (delayed) return "why-delayed";
    var delivered = verdicts.length > 0 && verdicts.every(function (verdict) { return verdict.reason === "delivered"; });
    return delivered ? "why-delivered" : "why";
  }

  // Every reason says what a text that is no bounce is (an automatic reply, a complaint: rules.json not_bounce;
  // lookup.py is_not_bounce).
  function notBounce(reasons, page) {
    var kinds = page.rules && page.rules.not_bounce;
    if (!kinds || !reasons.length) return false;
    var named = kinds.structure.concat(kinds.words).map(function (item) { return item.reason; });
    return reasons.every(function (reason) { return named.indexOf(reason) >= 0; });
  }

  function delayLines(verdicts, page) {
    var lines = [element("p", "mfkb-lookup-delayed", page.text.delayed)];
    var retry = verdicts.map(function (verdict) { return verdict.retry; }).filter(Boolean)[0];
    if (retry) lines.push(fillInto(element("p", "mfkb-lookup-retry"), page.text["retry-said"], { words: english(retry) }));
    return lines;
  }

  // Whom a reason is about and what the server said, and, in a report where only some recipients
  // are still being retried (markDelayed: lookup.py partly_retried), which are (lookup.py said_lines).
  function saidList(failed, page, markDelayed) {
    var lines = failed.map(function (verdict) {
      var line = !verdict.reply ? verdict.recipient
        : fillInto(document.createDocumentFragment(), page.text[verdict.recipient ? "recipient-said" : "server-said"],
                   { address: verdict.recipient, reply: english(verdict.reply) });
      return line && { said: line, retried: markDelayed && verdict.delayed ? page.text["still-retried"] : null };
    }).filter(Boolean);
    if (!lines.length) return null;
    var list = element("div", "mfkb-lookup-said-all");
    list.appendChild(saidItems(lines.length > SAID_SHOWN + 1 ? lines.slice(0, SAID_SHOWN) : lines));
    if (lines.length > SAID_SHOWN + 1) {
      // The rest folded, so that what the sender can do stays in sight under a long list.
      var more = element("details", "mfkb-lookup-said-more");
      more.appendChild(element("summary", null, format(page.text["more-recipients"], { count: lines.length - SAID_SHOWN })));
      more.appendChild(saidItems(lines.slice(SAID_SHOWN)));
      list.appendChild(more);
    }
    return list;
  }

  var SAID_SHOWN = 3;

  function saidItems(lines) {
    var list = element("ul", "mfkb-lookup-said");
    lines.forEach(function (line) {
      var item = list.appendChild(element("li"));
      item.append(line.said);
      // Set apart, not lost at the end of a long reply: this one is not a bounce (yet).
      if (line.retried) item.append(" ", element("strong", "mfkb-lookup-retried", line.retried));
    });
    return list;
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }

  // template filled in inside node, as nodes: a value may be a node (a link, a host's code, english()) or text.
  function fillInto(node, template, values) {
    template.split(/(%\(\w+\)s)/).forEach(function (part) {
      var name = /^%\((\w+)\)s$/.exec(part);
      var value = name && Object.prototype.hasOwnProperty.call(values, name[1]) ? values[name[1]] : part;
      if (value !== "") node.append(value);
    });
    return node;
  }

  // Words quoted as a server or a mail service wrote them, in English: marked so, a screen reader reads
  // them with English rules on a Korean page (WCAG 3.1.2, language of parts).
  function english(text) {
    var span = element("span", null, text);
    span.lang = "en";
    return span;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A code typed alone (lookup.py possible_lines): "From Exchange Online (reply “...”): <title, linked>".
  function possibleBlock(match, page) {
    var block = element("div", "mfkb-lookup-possible");
    block.appendChild(element("p", "mfkb-lookup-possible-note", format(page.meaning.possible, { code: match.code })));
    var list = element("ul", "mfkb-lookup-possible-list");
    match.possible.forEach(function (rule) {
      var m = rule.meaning, byReply = m.match.reply.length > 0;
      var link = element("a", "mfkb-lookup-possible-title", m.title[page.lang] || m.title.en);
      link.href = m.urls[page.lang] || m.urls.en;
      list.appendChild(fillInto(element("li", "mfkb-lookup-possible-meaning"), page.meaning[byReply ? "possible-reply" : "possible-host"],
        { emitter: m.emitter, matched: byReply ? english(m.match.reply[0]) : m.match.hosts[0], title: link }));
    });
    block.appendChild(list);
    return block;
  }

  // A host name in code that breaks on a phone only after a dot, as the pages' do (generator/site/hosts.py):
  // each label with a hyphen kept whole, a <wbr> after each dot.
  function hostCode(host) {
    var code = element("code", "mfkb-lookup-host");
    host.split(".").forEach(function (label, i) {
      if (i) code.append(".", document.createElement("wbr"));
      code.append(label.indexOf("-") >= 0 ? element("bdi", "mfkb-option", label) : label);
    });
    return code;
  }

  MFKB.lookupWhy = { element: element, format: format, fillInto: fillInto, english: english, reasonBlock: reasonBlock, notBounce: notBounce, isDelayed: isDelayed,
    possibleBlock: possibleBlock, hostCode: hostCode };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
