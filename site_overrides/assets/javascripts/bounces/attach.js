// generator/bounces/attach.py: the verdicts attached to the codes they are about.
// tests/test_reasons_browser.py runs this engine over the corpora and compares it with Python's.
(function (MFKB) {
  "use strict";
  var RECIPIENT_FIELD_RE = MFKB.bounces.report.RECIPIENT_FIELD_RE;
  var allAddresses = MFKB.bounces.address.allAddresses;
  var Rules = MFKB.bounces.rules.Rules;

  function attach(codes, verdicts) {
    var byCode = codes.map(function () { return null; });
    var alone = [];
    // The most relevant code is not the first recipient's when another recipient's status names it (attach.py).
    var others = verdicts.slice(1).map(function (verdict) { return verdict.status; });
    verdicts.forEach(function (verdict, number) {
      var slot = null;
      for (var i = 0; i < codes.length; i++) {
        if (codes[i] === verdict.status && byCode[i] === null) { slot = i; break; }
      }
      if (slot === null && number === 0 && codes.length && byCode[0] === null && others.indexOf(codes[0]) < 0) slot = 0;
      if (slot !== null) byCode[slot] = verdict.reason;
      else if (alone.indexOf(verdict.reason) < 0 && byCode.indexOf(verdict.reason) < 0) alone.push(verdict.reason);
    });
    if (byCode.some(Boolean)) return { byCode: byCode, before: [], after: alone };
    return { byCode: byCode, before: alone, after: [] };
  }

  // The order to list the codes of a report without delivery-status fields in: those on a line
  // that names a failed recipient first (attach.py recipients_first); codeLines(code) gives its lines.
  function recipientsFirst(text, codes, verdicts, codeLines) {
    var recipients = {}, any = false;
    verdicts.forEach(function (verdict) { if (verdict.recipient) { recipients[verdict.recipient] = true; any = true; } });
    var order = codes.map(function (code, index) { return index; });
    if (!any || RECIPIENT_FIELD_RE.test(text)) return order;
    var namesOne = codes.map(function (code) {
      return codeLines(code).some(function (line) {
        return allAddresses(line).some(function (address) { return recipients[address.toLowerCase()]; });
      });
    });
    // A code whose lines name only other messages than the failed recipients' is left out (attach.py).
    var failedIds = {}, anyFailedId = false;
    codes.forEach(function (code, index) {
      if (namesOne[index]) messageIds(codeLines(code)).forEach(function (id) { failedIds[id] = anyFailedId = true; });
    });
    var kept = order.filter(function (index) {
      var ids = messageIds(codeLines(codes[index]));
      return !(anyFailedId && ids.length && !namesOne[index] && !ids.some(function (id) { return failedIds[id]; }));
    });
    return kept.filter(function (index) { return namesOne[index]; })
      .concat(kept.filter(function (index) { return !namesOne[index]; }));
  }

  // The messages a structured log's lines name (attach.py MESSAGE_ID_MEMBER_RE): maddy's "msg_id": "2f6f32e9".
  var MESSAGE_ID_MEMBER_RE = /"(?:msg_id|message_id|queue_id)" ?: ?"([^"\\]+)"/g;
  function messageIds(lines) {
    var ids = [];
    lines.forEach(function (line) {
      line.replace(MESSAGE_ID_MEMBER_RE, function (whole, id) { ids.push(id); return whole; });
    });
    return ids;
  }

  // For a bounce the verdicts go along (attach.py): whom each reason is about.
  Rules.prototype.attachReasons = function (text, codes, bounce, prepare) {
    var verdicts = this.classify(text, prepare);
    if (this.notBounceReasons.indexOf(verdicts[0].reason) >= 0) {
      // Not a bounce: what it is comes first, and its codes carry no reason (attach.py).
      return { byCode: codes.map(function () { return null; }), before: [verdicts[0].reason], after: [] };
    }
    if (bounce) {
      var attached = attach(codes, verdicts);
      attached.verdicts = verdicts;
      return attached;
    }
    if (verdicts[0].reason !== this.defaultReason) {
      // A one-line paste that names its recipient says whom it is about (attach.py).
      var decided = attach(codes, verdicts);
      decided.verdicts = verdicts.filter(function (verdict) { return verdict.recipient; });
      return decided;
    }
    return { byCode: codes.map(this.codeReason, this), before: [], after: [] };
  };

  MFKB.bounces.attach = { recipientsFirst: recipientsFirst };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
