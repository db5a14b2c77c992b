// generator/lookup.py: a query's codes resolved to entries, with the reasons of a bounce.
(function (MFKB) {
  "use strict";
  var plainText = MFKB.bounces.message.plainText;
  var DECODED = MFKB.bounces.message.DECODED;
  var htmlAsText = MFKB.bounces.html_text.htmlAsText;
  var parseQuery = MFKB.codes.parse.parseQuery;
  var isBounce = MFKB.codes.parse.isBounce;
  var TextEvidence = MFKB.bounces.emitter.TextEvidence;
  var holds = MFKB.bounces.emitter.holds;
  var silent = MFKB.bounces.meanings.silent;
  var explains = MFKB.codes.resolve.explains;
  var CLASSES = MFKB.codes.syntax.CLASSES;
  var recipientsFirst = MFKB.bounces.attach.recipientsFirst;
  var RECIPIENT_FIELD_RE = MFKB.bounces.report.RECIPIENT_FIELD_RE;
  var DELAYED_ACTION_RE = /^Action:[ \t]*delayed\b/im;  // lookup.py DELAYED_ACTION_RE

  function lookup(text, known, rules, meanings) {
    text = plainText(text);
    var evidence = null;
    var matches = parseQuery(text, DECODED).map(function (item) {
      var resolution = known.resolve(item.code);
      var meaning = null, possible = [];
      if (meanings && meanings.has(item.code)) {
        evidence = evidence || new TextEvidence(text, DECODED);
        var said = evidence.forCode(item.code);
        meaning = meanings.choose(item.code, said);
        if (!meaning && silent(said)) possible = meanings.rulesFor(item.code);
      }
      return {
        code: item.code, reply: item.reply, entry: resolution.entry, via: resolution.via,
        explains: explains(item.code, resolution), "class": CLASSES[item.code.charAt(0)], meaning: meaning,
        possible: possible,
      };
    });
    return rules ? withReasons(text, matches, rules, evidence) : matches;
  }

  // As bounces/message.py reads a bounce's parts; an HTML part's tags go, but not the
  // <address> of a recipient in its text parts.
  function prepareBounce(text, decoded) {
    return htmlAsText(plainText(text, decoded));
  }

  function prepareDecoded(plain) { return prepareBounce(plain, DECODED); }

  // The codes whose lines name a failed recipient first (lookup.py with_reasons).
  function withReasons(text, matches, rules, evidence) {
    var codes = matches.map(function (m) { return m.code; });
    var attached = rules.attachReasons(text, codes, isBounce(text), prepareDecoded);
    // A code of a report with delivery-status fields that carries no reason is about all its recipients,
    // unless one is still being retried (lookup.py with_reasons).
    var reported = RECIPIENT_FIELD_RE.test(text) && !DELAYED_ACTION_RE.test(text);
    function failed(reason) {
      if (!reason && reported) return attached.verdicts || [];
      return (attached.verdicts || []).filter(function (verdict) { return verdict.reason === reason; });
    }
    matches.forEach(function (match, i) {
      match.reason = attached.byCode[i];
      match.failed = failed(match.reason);
    });
    if (attached.verdicts && matches.length > 1) {
      evidence = evidence || new TextEvidence(text, DECODED);
      matches = recipientsFirst(text, codes, attached.verdicts, function (code) {
        return evidence.lines.filter(function (line) { return holds(line, code); });
      }).map(function (index) { return matches[index]; });
    }
    function alone(reason) {
      return { code: null, reply: null, entry: null, via: "none", explains: null, "class": null, reason: reason,
               failed: failed(reason) };
    }
    return attached.before.map(alone).concat(matches, attached.after.map(alone));
  }

  MFKB.lookupEngine = { lookup: lookup, prepareBounce: prepareBounce };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
